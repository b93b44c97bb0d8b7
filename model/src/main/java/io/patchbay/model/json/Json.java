package io.patchbay.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/** The one Jackson configuration for every JSON Patchbay reads or writes. */
public final class Json {
    /**
     * Built on first use, not when this class loads: building the mapper (databind and the java.time module,
     * some 400 classes) costs a one-off command such as {@code patchbay status} more than its query, and
     * {@link #isObject} does not need it.
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                // A newer agent may add fields; an older workstation must still read its reports.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static final JsonFactory STREAMING = new JsonFactory();

    private Json() {
    }

    /** Thread-safe and shared; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    /**
     * Whether {@code text} starts with one well-formed JSON object, checked token by token without building it (the
     * same test as {@code mapper().readTree(text).isObject()}, which also ignores what follows the first value).
     *
     * @throws IOException when it is not well-formed JSON (the message says where)
     */
    public static boolean isObject(String text) throws IOException {
        try (JsonParser p = STREAMING.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren(); // reads to the matching '}', failing on anything malformed on the way
            return true;
        }
    }
}
