package io.patchbay.agent.receive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InboxScanOrderTest {
    @TempDir
    Path inbox;

    @Test
    void rotationStatementsComeFirstInSequenceOrderThenEverythingElseByName() throws Exception {
        for (String name : List.of("Spruce-12.10.12.kit", "key-rotation-000002.rotation", "Spruce-12.10.11.pull",
                "key-rotation-000001.rotation", "Aspen-1.0.kit", ".patchbay-probe-1")) {
            Files.writeString(inbox.resolve(name), name);
        }
        Files.createDirectories(inbox.resolve(".partial"));

        assertEquals(List.of("key-rotation-000001.rotation", "key-rotation-000002.rotation", "Aspen-1.0.kit",
                        "Spruce-12.10.11.pull", "Spruce-12.10.12.kit"),
                InboxWatcher.scan(inbox).stream().map(p -> p.getFileName().toString()).toList());
    }
}
