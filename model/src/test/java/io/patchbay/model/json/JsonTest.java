package io.patchbay.model.json;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Json#isObject}, the streaming check, says what building the tree would say. */
class JsonTest {
    @Test
    void anObjectNestedOrEmptyIsAnObject() throws IOException {
        assertTrue(Json.isObject("{}"));
        assertTrue(Json.isObject(" {\"windows\": [{\"days\": \"mon-fri\", \"from\": \"22:00\"}], \"hold\": false} "));
    }

    @Test
    void otherValuesAreNotObjects() throws IOException {
        for (String text : new String[]{"[1, 2]", "null", "42", "\"{}\""}) {
            assertFalse(Json.isObject(text), text);
            assertEquals(Json.mapper().readTree(text).isObject(), Json.isObject(text), text);
        }
    }

    @Test
    void malformedJsonAnywhereInsideTheObjectIsAnError() {
        for (String text : new String[]{"{", "{\"a\": [1, }", "{\"a\" 1}", "{'a': 1}", "nope"}) {
            assertThrows(IOException.class, () -> Json.isObject(text), text);
            assertThrows(IOException.class, () -> Json.mapper().readTree(text), text);
        }
    }
}
