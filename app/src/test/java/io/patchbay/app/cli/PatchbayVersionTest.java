package io.patchbay.app.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchbayVersionTest {
    @Test
    void versionNamesTheBuildsVersionCommitAndTheJavaItRunsOn() {
        KitCommandTest.Run r = KitCommandTest.run("--version");

        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("patchbay \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{12}(-dirty)?, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)"),
                r.out());
        assertEquals("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")", lines[1]);
    }
}
