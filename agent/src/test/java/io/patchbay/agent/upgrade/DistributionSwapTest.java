package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.TreeDigest;
import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributionSwapTest {
    @TempDir
    Path dir;

    private static Path distribution(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("bin/patchbay-agent"), "#!/bin/sh\necho " + version + "\n");
        Files.writeString(dir.resolve("lib/patchbay-agent-" + version + ".jar"), "jar " + version);
        return dir;
    }

    @Test
    void swappingInAndRestoringGivesBackTheOldDistributionExactly() throws IOException {
        Path dist = distribution(dir.resolve("opt/patchbay-agent"), "1");
        Path payload = distribution(dir.resolve("payload"), "2");
        Files.writeString(dist.resolve("site-notes.txt"), "not part of the distribution");
        Map<String, String> before = TreeDigest.of(dist);
        DistributionSwap swap = new DistributionSwap(new AgentDistribution(dist));

        swap.prepare(payload);
        assertEquals(before, without(TreeDigest.of(dist), DistributionSwap.NEXT), "prepare leaves the running build alone");
        swap.swapIn();
        assertEquals("jar 2", Files.readString(dist.resolve("lib/patchbay-agent-2.jar")));
        assertFalse(Files.exists(dist.resolve("lib/patchbay-agent-1.jar")));
        assertTrue(Files.isExecutable(dist.resolve("bin/patchbay-agent")), "a kit carries no modes: the launcher is made executable");
        assertEquals("not part of the distribution", Files.readString(dist.resolve("site-notes.txt")));

        swap.restore();
        Map<String, String> after = TreeDigest.of(dist);
        assertEquals(before, without(without(without(after, DistributionSwap.NEXT), DistributionSwap.PREVIOUS), DistributionSwap.FAILED));
        assertEquals("jar 2", Files.readString(dist.resolve(DistributionSwap.FAILED + "/lib/patchbay-agent-2.jar")),
                "the failed build is kept aside");
    }

    @Test
    void aPayloadThatIsNotADistributionIsRefusedBeforeAnythingMoves() throws IOException {
        Path dist = distribution(dir.resolve("opt/patchbay-agent"), "1");
        Path payload = Files.createDirectories(dir.resolve("payload/lib"));
        Files.writeString(payload.resolve("x.jar"), "x");
        Map<String, String> before = TreeDigest.of(dist);

        PatchbayException e = assertThrows(PatchbayException.class,
                () -> new DistributionSwap(new AgentDistribution(dist)).prepare(payload.getParent()));
        assertEquals("the kit's payload has no bin/patchbay-agent: not an agent distribution", e.getMessage());
        assertEquals(before, without(TreeDigest.of(dist), DistributionSwap.NEXT));
    }

    private static Map<String, String> without(Map<String, String> tree, String top) {
        Map<String, String> out = new java.util.TreeMap<>(tree);
        out.keySet().removeIf(k -> k.equals(top) || k.startsWith(top + "/"));
        return out;
    }
}
