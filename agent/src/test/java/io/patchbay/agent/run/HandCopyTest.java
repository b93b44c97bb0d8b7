package io.patchbay.agent.run;

import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person copies a kit into the inbox by hand, slowly, while the agent runs. */
class HandCopyTest {
    @TempDir
    Path dir;

    @Test
    void aKitCopiedInSlowlyByHandIsTakenOnceCompleteAndNeverRejected() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        Path kit = site.kit(AgentSite.manifest("12.10.11", true, Instant.now().minus(Duration.ofDays(1))), null);
        byte[] bytes = Files.readAllBytes(kit);
        Path target = site.inbox.resolve(kit.getFileName());
        try (AgentDaemon daemon = AgentDaemon.start(site.agent(Clock.systemUTC()), Clock.systemUTC())) {
            // Written in place like cp does, eight chunks with pauses; one pause outlasts the gate's settle time,
            // so the size alone looks stable while the kit is still incomplete.
            try (OutputStream out = Files.newOutputStream(target)) {
                int chunk = (bytes.length + 7) / 8;
                for (int i = 0; i < 8; i++) {
                    int from = i * chunk;
                    out.write(bytes, from, Math.max(0, Math.min(chunk, bytes.length - from)));
                    out.flush();
                    Thread.sleep(i == 3 ? 3_500 : 400);
                    assertNotRefused(site);
                    assertTrue(Files.exists(target), "not taken while incomplete (chunk " + (i + 1) + " of 8)");
                }
            }
            PatchRecord patch = waitFor(site, Duration.ofSeconds(90), PatchState.INSTALLED);
            assertEquals(FileHashes.sha256(kit), patch.kitSha256(), "the whole kit, byte for byte");
        }
        assertNotRefused(site);
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
        assertFalse(Files.exists(target), "the kit left the inbox");
    }

    private static void assertNotRefused(AgentSite site) throws Exception {
        try (var rejected = Files.list(site.home.rejected())) {
            assertEquals(List.of(), rejected.toList(), "nothing in rejected/");
        }
        patches(site).forEach(p -> assertFalse(p.state() == PatchState.REJECTED, p.reason()));
    }

    private static List<PatchRecord> patches(AgentSite site) {
        return new io.patchbay.agent.registry.RegistryStore(site.home.patches()).read().patches();
    }

    private static PatchRecord waitFor(AgentSite site, Duration limit, PatchState state) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        Optional<PatchRecord> p = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            p = patches(site).stream().findFirst();
            if (p.isPresent() && p.get().state() == state) {
                return p.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not " + state.word() + " within " + limit + ": " + p);
    }
}
