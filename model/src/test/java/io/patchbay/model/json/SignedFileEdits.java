package io.patchbay.model.json;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** For tests of signed JSON files (pull notices, rotation statements): read one, or change it as a forger would. */
public final class SignedFileEdits {
    private SignedFileEdits() {
    }

    public static ObjectNode read(byte[] file) {
        try {
            return (ObjectNode) Json.mapper().readTree(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file with {@code change} applied to its JSON (its signatures left as they were). */
    public static byte[] edit(byte[] file, Consumer<ObjectNode> change) {
        ObjectNode json = read(file);
        change.accept(json);
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
