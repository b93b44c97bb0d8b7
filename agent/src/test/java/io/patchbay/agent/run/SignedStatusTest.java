package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentKey;
import io.patchbay.model.bundle.BundleKind;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.bundle.BundleVerifier;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every tick, an agent with a key signs its status for the online harvest, numbered as its offline reports are. */
class SignedStatusTest {
    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aTickWritesTheStatusSignedWithTheAgentsKeyAndNumberedOnePastTheLast() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        PublicKey key = AgentKey.ensure(site.home);
        Agent agent = site.agent(new MutableClock(T));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", false, T), null)));

        agent.tick();
        agent.tick();

        Path signed = site.home.status().resolve(StatusReports.SIGNED_REPORT_FILE);
        BundleManifest manifest;
        try (KitReader reader = KitReader.open(signed)) {
            manifest = BundleVerifier.verify(reader, BundleKind.REPORT, List.of(key), agent.config().site(), null)
                    .manifest();
        }
        assertEquals(2, manifest.sequence(), "one number per tick, from the agent's one counter");
        List<String> files = manifest.entries().stream().map(BundleManifest.Entry::file).toList();
        assertTrue(files.contains(StatusReports.AGENT_FILE) && files.stream().anyMatch(StatusReports::isPatchFileName),
                files.toString());
        assertFalse(files.contains(StatusReports.SIGNED_REPORT_FILE), "never a copy of itself");
    }

    @Test
    void anAgentWithoutAKeyWritesItsPlainReportsOnly() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        // A home made before agents had keys
        Files.delete(AgentKey.privateFile(site.home));
        Files.delete(AgentKey.publicFile(site.home));
        site.agent(new MutableClock(T)).tick();
        assertTrue(Files.isRegularFile(site.home.status().resolve(StatusReports.AGENT_FILE)));
        assertFalse(Files.exists(site.home.status().resolve(StatusReports.SIGNED_REPORT_FILE)));
    }
}
