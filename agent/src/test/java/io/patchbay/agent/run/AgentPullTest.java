package io.patchbay.agent.run;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.agent.receive.InboxWatcher;
import io.patchbay.agent.receive.PullNoticeReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.decision.Checks;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.pull.PullNotice;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed pull notice arriving at a real site (real kits, real child-JVM installs, a real SMTP server): what the
 * agent does with the patch, what it reports and whom it tells. Policies use manual mode or window=any, so nothing
 * depends on the hour the tests run.
 */
class AgentPullTest {
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant MONDAY_10_UTC = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant PULLED_AT = Instant.parse("2026-11-23T09:30:00Z");
    private static final String KIT = "Spruce-12.10.11.kit";

    @TempDir
    Path dir;
    @RegisterExtension
    final TestSmtp smtp = new TestSmtp();

    @Test
    void aWaitingPatchIsMarkedPulledAndNotEvenAnOperatorCanInstallIt() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withMode(InstallMode.MANUAL).withWindow(InstallWindow.ANY));
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        Agent agent = site.agent(clock);
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        agent.tick();
        assertEquals(PatchState.WAITING, agent.registry().patches().get(0).state());
        Map<String, String> before = TreeDigest.of(site.installRoot);

        clock.advance(Duration.ofMinutes(5));
        PullNoticeReceiver.Outcome o = agent.receivePullNotice(site.deliver(notice(site, "export job fails"))).orElseThrow();

        assertTrue(o.accepted() && o.first());
        PatchRecord p = agent.registry().patches().get(0);
        assertEquals(PatchState.PULLED, p.state());
        assertEquals("the release Spruce 12.10.11 was pulled by the vendor on 2026-11-23T09:30:00Z: export job fails;"
                + " it will not install", p.reason());
        assertEquals(Checks.PULLED, p.checks().get(p.checks().size() - 1).check());
        PatchReport report = site.report(KIT);
        assertEquals(PatchState.PULLED, report.state());
        assertEquals(clock.instant(), report.pullNoticeAt());
        assertEquals(List.of(), InboxWatcher.scan(site.inbox), "the notice left the inbox");
        assertTrue(Files.isRegularFile(site.home.pulls().resolve("Spruce-12.10.11.pull")), "kept in pulls/");

        PatchbayException refused = assertThrows(PatchbayException.class, () -> agent.installNow("12.10.11", null));
        assertTrue(refused.getMessage().startsWith("Spruce 12.10.11 not installed: the release Spruce 12.10.11 was "
                + "pulled by the vendor"), refused.getMessage());
        assertEquals("Spruce 12.10.11 was pulled by the vendor: it will not install, nothing to schedule",
                assertThrows(PatchbayException.class, () -> agent.schedule("12.10.11", null,
                        java.time.LocalDateTime.of(2026, 11, 23, 12, 0))).getMessage());
        clock.advance(Duration.ofDays(30));
        agent.tick();
        assertEquals(PatchState.PULLED, agent.registry().patches().get(0).state(), "a month of ticks later");
        assertEquals(before, TreeDigest.of(site.installRoot), "nothing installed");

        assertTrue(smtp.server().waitForIncomingEmail(10_000, 2));
        assertEquals(List.of("[acme-paris] Received Spruce 12.10.11", "[acme-paris] Pulled Spruce 12.10.11"), smtp.subjects());
        String body = GreenMailUtil.getBody(smtp.server().getReceivedMessages()[1]);
        assertTrue(body.contains("export job fails") && body.contains("will not be installed, not even by an operator"), body);
    }

    @Test
    void anInstalledPatchIsToldNotChanged() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withMode(InstallMode.MANUAL).withWindow(InstallWindow.ANY));
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        Agent agent = site.agent(clock);
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        assertEquals(PatchState.INSTALLED, agent.installNow("12.10.11", null).state());
        PatchRecord installed = agent.registry().patches().get(0);
        Map<String, String> before = TreeDigest.of(site.installRoot);

        clock.advance(Duration.ofHours(1));
        agent.receivePullNotice(site.deliver(notice(site, "export job fails")));

        PatchRecord after = agent.registry().patches().get(0);
        assertEquals(installed, after, "the patch record is exactly as it was");
        assertEquals(Map.of("Spruce", "12.10.11"), agent.registry().installed());
        assertEquals(before, TreeDigest.of(site.installRoot));
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
        PatchReport report = site.report(KIT);
        assertEquals(PatchState.INSTALLED, report.state());
        assertEquals(clock.instant(), report.pullNoticeAt(), "the report says the site was told");

        assertTrue(smtp.server().waitForIncomingEmail(10_000, 3));
        assertEquals("[acme-paris] Pulled Spruce 12.10.11", smtp.subjects().get(2));
        assertTrue(GreenMailUtil.getBody(smtp.server().getReceivedMessages()[2]).contains("already installed here: nothing was changed"));
    }

    @Test
    void aNoticeBeforeItsKitMakesTheKitArrivePulled() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withWindow(InstallWindow.ANY).withWaitDays(0));
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        Agent agent = site.agent(clock);

        InboxWatcher.scan(site.inbox).forEach(agent::receive); // nothing yet
        site.deliver(notice(site, "export job fails"));
        InboxWatcher.scan(site.inbox).forEach(agent::receive); // the inbox path the daemon takes
        assertEquals(List.of(), agent.registry().patches());
        assertEquals(1, agent.registry().pulls().size());

        clock.advance(Duration.ofHours(2));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        assertEquals(PatchState.PULLED, agent.registry().patches().get(0).state(), "registered as pulled");
        agent.tick(); // automatic, window any, no wait days: it would install now if it were not pulled
        assertEquals(PatchState.PULLED, agent.registry().patches().get(0).state());
        assertEquals("app 12.10.10", site.installed("bin/app.jar"));
        assertEquals(MONDAY_10_UTC, site.report(KIT).pullNoticeAt(), "told when the notice came, before the kit");

        assertTrue(smtp.server().waitForIncomingEmail(10_000, 2));
        assertEquals(List.of("[acme-paris] Pulled Spruce 12.10.11", "[acme-paris] Pulled Spruce 12.10.11"), smtp.subjects());
        assertTrue(GreenMailUtil.getBody(smtp.server().getReceivedMessages()[0]).contains("has not been received here"));
        assertTrue(GreenMailUtil.getBody(smtp.server().getReceivedMessages()[1]).contains("arrived after the pull notice"));
    }

    @Test
    void aRepeatedNoticeChangesNothingAndTellsNobodyAgain() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withMode(InstallMode.MANUAL));
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        Agent agent = site.agent(clock);
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        agent.receivePullNotice(site.deliver(notice(site, "export job fails")));
        clock.advance(Duration.ofHours(1));
        PullNoticeReceiver.Outcome again = agent.receivePullNotice(site.deliver(notice(site, "export job fails")))
                .orElseThrow();
        assertTrue(again.accepted());
        assertFalse(again.first());
        assertEquals(MONDAY_10_UTC, again.pull().receivedAt(), "first told at the first notice");
        // Notices are sent on the agent's own thread before it returns: a third mail would be here already.
        assertEquals(List.of("[acme-paris] Received Spruce 12.10.11", "[acme-paris] Pulled Spruce 12.10.11"), smtp.subjects());
    }

    @Test
    void aForgedAlteredOrBrokenNoticeIsSetAsideAndChangesNothing() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withMode(InstallMode.MANUAL));
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        agent.tick();

        PrivateKey stranger = SigningKeys.generate().getPrivate();
        Path forged = write("Spruce-12.10.11.pull", PullNotices.sign(pullNotice("export job fails"), stranger));
        String altered = Files.readString(notice(site, "export job fails")).replace("export job fails", "never mind");
        Path alteredFile = write("alt/Spruce-12.10.11.pull", altered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path broken = write("Pine-1.0.pull", "not a notice".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        PullNoticeReceiver.Outcome f = agent.receivePullNotice(site.deliver(forged)).orElseThrow();
        assertEquals("pull notice Spruce-12.10.11.pull is signed by " + SigningKeys.fingerprint(SigningKeys.publicKeyOf(stranger))
                + ", a key this site does not trust", f.refusal());
        PullNoticeReceiver.Outcome a = agent.receivePullNotice(site.deliver(alteredFile)).orElseThrow();
        assertTrue(a.refusal().contains("altered or forged"), a.refusal());
        PullNoticeReceiver.Outcome b = agent.receivePullNotice(site.deliver(broken)).orElseThrow();
        assertTrue(b.refusal().startsWith("pull notice Pine-1.0.pull is not valid JSON"), b.refusal());

        assertEquals(PatchState.WAITING, agent.registry().patches().get(0).state());
        assertEquals(List.of(), agent.registry().pulls());
        assertNull(site.report(KIT).pullNoticeAt());
        assertEquals(List.of(), InboxWatcher.scan(site.inbox));
        assertEquals(f.refusal() + "\n", Files.readString(site.home.rejected().resolve("Spruce-12.10.11.pull.reason.txt")));
        try (var kept = Files.list(site.home.rejected())) {
            assertEquals(6, kept.count(), "three notices, each with its reason");
        }
        assertTrue(smtp.server().waitForIncomingEmail(10_000, 4));
        assertEquals(List.of("[acme-paris] Received Spruce 12.10.11", "[acme-paris] Refused a pull notice",
                "[acme-paris] Refused a pull notice", "[acme-paris] Refused a pull notice"), smtp.subjects());
    }

    private static PullNotice pullNotice(String reason) {
        return new PullNotice("Spruce", Version.parse("12.10.11"), PULLED_AT, reason);
    }

    /** The vendor's notice, signed with the key the site trusts for kits, as {@code Spruce-12.10.11.pull}. */
    private Path notice(AgentSite site, String reason) throws Exception {
        return write("notices/" + System.nanoTime() + "/Spruce-12.10.11.pull",
                PullNotices.sign(pullNotice(reason), site.key.getPrivate()));
    }

    private Path write(String relative, byte[] bytes) throws Exception {
        Path file = dir.resolve("made").resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
