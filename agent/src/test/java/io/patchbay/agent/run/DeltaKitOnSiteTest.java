package io.patchbay.agent.run;

import io.patchbay.agent.install.TreeDigest;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Until the agent applies delta kits (issue 12, the agent's part), a delta that reaches a site is refused on receipt
 * with its reason, and nothing on the site changes: it is never taken for the release it patches.
 */
class DeltaKitOnSiteTest {
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aDeltaKitIsRefusedOnReceiptNamingItsBaseAndTheInstallRootIsUntouched() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_9_UTC.plusSeconds(3600)));
        Map<String, String> before = TreeDigest.of(site.installRoot);
        Path base = site.kit(AgentSite.manifest("12.10.10", true, MONDAY_9_UTC), null);
        Path release = site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null);
        Path delta = dir.resolve("Spruce-12.10.11.kit");
        new DeltaBuilder().build(new DeltaBuilder.Inputs(base, release, List.of(site.key.getPublic()),
                site.key.getPrivate(), delta));

        KitReceiver.Received r = agent.receive(site.deliver(delta)).orElseThrow();
        agent.tick();

        assertEquals(KitReceiver.Received.Kind.REJECTED, r.kind());
        PatchReport report = site.report("Spruce-12.10.11.kit");
        assertEquals(PatchState.REJECTED, report.state());
        assertEquals("this is a delta kit against Spruce 12.10.10: it is applied to the installed files, not extracted",
                report.reason());
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
    }
}
