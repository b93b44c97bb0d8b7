package io.patchbay.agent.run;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.install.InstallLock;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.PostInstallBackup;
import io.patchbay.agent.install.StagedKit;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.workspace.MutableClock;
import io.patchbay.transport.https.HttpsEndpoint;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TusClient;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.https.UploadListener;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.agent.receive.InboxWatcher;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.decision.Checks;
import io.patchbay.model.kit.KitCosigner;
import io.patchbay.model.kit.sign.SigningKeys;
import java.security.KeyPair;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent on a real site (real kits, real child-JVM installs, real SMTP server), driven by a fake clock. */
class AgentTest {
    /** Monday 2026-11-23, 10:00 in Paris. */
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant MONDAY_10_UTC = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;
    @RegisterExtension
    final TestSmtp smtp = new TestSmtp();

    @Test
    void aKitWaitsThroughTheWeekAndInstallsWhenItsWindowOpens() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> SitePolicy.spruceExample(AgentSite.PARIS)); // 3 wait days, no Fri-Sun, 22:00-07:00
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        Agent agent = site.agent(clock);

        site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null));
        InboxWatcher.scan(site.inbox).forEach(agent::receive);
        assertEquals(List.of(), InboxWatcher.scan(site.inbox), "the kit left the inbox");
        assertEquals(PatchState.RECEIVED, site.report("Spruce-12.10.11.kit").state());

        Instant firstWake = agent.tick();
        // Released Monday with 3 wait days: Thursday's window, 22:00 in Paris.
        Instant thursdayWindow = Instant.parse("2026-11-26T21:00:00Z");
        assertEquals(thursdayWindow, firstWake);
        assertEquals(InstallChance.at(thursdayWindow, Checks.WAIT_DAYS, AgentSite.PARIS),
                site.report("Spruce-12.10.11.kit").nextChance(), "the report tells the workstation when and why");
        List<String> waitedOn = new ArrayList<>();
        Instant installedAt = null;
        for (int hour = 0; hour < 24 * 7 && installedAt == null; hour++) {
            clock.advance(Duration.ofHours(1));
            agent.tick();
            PatchRecord p = agent.registry().patches().get(0);
            if (p.state() == PatchState.INSTALLED) {
                installedAt = clock.instant();
            } else if (!waitedOn.contains(last(p))) {
                waitedOn.add(last(p));
            }
        }
        assertEquals(thursdayWindow, installedAt);
        assertEquals(List.of(Checks.WAIT_DAYS, Checks.INSTALL_WINDOW), waitedOn);
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));

        PatchReport report = site.report("Spruce-12.10.11.kit");
        assertEquals(PatchState.INSTALLED, report.state());
        assertEquals("Spruce", report.product());
        assertEquals(1, report.installations().size());
        assertEquals("automatic", report.installations().get(0).trigger());
        AgentReport agentReport = StatusReports.parseAgent("agent.json",
                Files.readAllBytes(site.home.status().resolve(StatusReports.AGENT_FILE)));
        assertEquals(Map.of("Spruce", "12.10.11"), agentReport.installed());

        assertTrue(smtp.server().waitForIncomingEmail(10_000, 2));
        assertEquals(List.of("[acme-paris] Received Spruce 12.10.11", "[acme-paris] Installed Spruce 12.10.11"), smtp.subjects());
        String received = GreenMailUtil.getBody(smtp.server().getReceivedMessages()[0]);
        // It waited three days: promising a confirmation within 60 minutes would have sent people to support.
        assertFalse(received.contains("60 minutes"), received);
        assertTrue(received.contains("does not install right away"), received);
    }

    @Test
    void aReplayedOlderKitIsRefusedAsADowngrade() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        assertEquals(PatchState.INSTALLED, agent.installNow("12.10.11", null).state());

        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.10", true, MONDAY_9_UTC.minusSeconds(86400)), null)));
        agent.tick();

        PatchReport replay = site.report("Spruce-12.10.10.kit");
        assertEquals(PatchState.REJECTED, replay.state());
        assertEquals(Checks.DOWNGRADE, replay.checks().get(replay.checks().size() - 1).check());
        assertTrue(replay.reason().contains("older than the installed 12.10.11"), replay.reason());
        PatchbayException e = assertThrows(PatchbayException.class, () -> agent.installNow("12.10.10", null));
        assertTrue(e.getMessage().contains("refused as a replay"), e.getMessage());
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
    }

    @Test
    void anInstallMovesItsKitIntoPlaceKeepsAPostInstallBackupAndARollbackExtractsTheKitAgain() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        InstallOutcome first = agent.installNow("12.10.11", null);
        assertEquals(PatchState.INSTALLED, first.state(), first.reason());

        PatchRecord patch = agent.registry().patches().get(0);
        assertTrue(StagedKit.consumed(site.home.dir().resolve(patch.folder()).resolve("kit")),
                "apply moved the staged files into place instead of copying them");
        Path post = site.home.backups().resolve(Long.toString(first.id())).resolve("post");
        assertEquals(List.of(FileHashes.sha256(site.installRoot.resolve("bin/app.jar")) + "  install/bin/app.jar"),
                Files.readAllLines(post.resolve("from-kit.sha256")), "the unchanged file is kept by reference to the kit");
        PostInstallBackup.export(post, dir.resolve("export"));
        assertEquals("app 12.10.11", Files.readString(dir.resolve("export/install/bin/app.jar")));

        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.12", true, MONDAY_9_UTC), null)));
        assertEquals(PatchState.INSTALLED, agent.installNow("12.10.12", null).state());
        InstallOutcome back = agent.rollback("Spruce");

        assertEquals(PatchState.INSTALLED, back.state(), back.reason());
        assertEquals("12.10.11", back.version());
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
    }

    @Test
    void aRollbackToAKitChangedOnDiskSinceItsInstallIsRefusedAndTheSiteKeepsItsVersion() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        assertEquals(PatchState.INSTALLED, agent.installNow("12.10.11", null).state());
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.12", true, MONDAY_9_UTC), null)));
        assertEquals(PatchState.INSTALLED, agent.installNow("12.10.12", null).state());
        PatchRecord old = agent.registry().patches().stream().filter(p -> p.version().equals("12.10.11")).findFirst()
                .orElseThrow();
        Path kept = site.home.dir().resolve(old.folder()).resolve(old.kit());
        String text = Files.readString(kept, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.writeString(kept, text.replace("app 12.10.11", "app 66.66.66"), java.nio.charset.StandardCharsets.ISO_8859_1);

        PatchbayException e = assertThrows(PatchbayException.class, () -> agent.rollback("Spruce"));

        assertTrue(e.getMessage().contains("payload/bin/app.jar"), e.getMessage());
        assertEquals("app 12.10.12", site.installed("bin/app.jar"));
    }

    @Test
    void aKitWithAChangedByteIsMovedAsideWithItsReason() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        Path kit = site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null);
        byte[] bytes = Files.readAllBytes(kit);
        int at = indexOf(bytes, "app 12.10.11".getBytes());
        assertTrue(at > 0, "the payload is stored uncompressed in this small kit");
        bytes[at] ^= 1;
        Files.write(kit, bytes);
        Map<String, String> before = TreeDigest.of(site.installRoot);

        KitReceiver.Received r = agent.receive(site.deliver(kit)).orElseThrow();
        agent.tick();

        assertEquals(KitReceiver.Received.Kind.REJECTED, r.kind());
        assertEquals(List.of(), InboxWatcher.scan(site.inbox));
        assertTrue(Files.isRegularFile(site.home.rejected().resolve("Spruce-12.10.11.kit")));
        String reason = Files.readString(site.home.rejected().resolve("Spruce-12.10.11.kit.reason.txt")).strip();
        assertEquals("payload/bin/app.jar was changed: its SHA-256 does not match checksums.sha256", reason);
        PatchReport report = site.report("Spruce-12.10.11.kit");
        assertEquals(PatchState.REJECTED, report.state());
        assertEquals(reason, report.reason());
        assertNull(report.product());
        assertEquals(FileHashes.sha256(site.home.rejected().resolve("Spruce-12.10.11.kit")), report.kitSha256());
        assertEquals(before, TreeDigest.of(site.installRoot));
        try (var left = Files.list(site.home.patches())) {
            assertEquals(List.of("registry.json", "registry.lock"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "nothing of the refused kit was kept");
        }
    }

    @Test
    void aSiteThatRequiresTwoSignersRefusesAKitSignedOnceAndTakesItOnceQaSignedIt() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        KeyPair qa = SigningKeys.generate();
        SigningKeys.writePublic(site.home.trust().resolve("qa.pub"), qa.getPublic());
        site.policy(p -> p.withSignatures(2));
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        Path kit = site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null);
        Path cosigned = Files.copy(kit, dir.resolve("cosigned.kit"));
        KitCosigner.addSignature(cosigned, qa.getPrivate());

        KitReceiver.Received once = agent.receive(site.deliver(kit)).orElseThrow();

        assertEquals(KitReceiver.Received.Kind.REJECTED, once.kind());
        assertEquals("signed by 1 key this site trusts (" + SigningKeys.fingerprint(site.key.getPublic())
                + "); its policy requires 2 (another signer adds one with `patchbay kit sign`)", once.patch().reason());
        Path renamed = Files.move(cosigned, dir.resolve("Spruce-12.10.11.kit"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        KitReceiver.Received twice = agent.receive(site.deliver(renamed)).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, twice.kind(), String.valueOf(twice.patch().reason()));
    }

    @Test
    void theSameKitTwiceIsRegisteredOnce() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        Path kit = site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null);
        Path copy = Files.copy(kit, dir.resolve("copy.kit"));
        agent.receive(site.deliver(kit));
        KitReceiver.Received second = agent.receive(site.deliver(copy)).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.DUPLICATE, second.kind());
        assertEquals(1, agent.registry().patches().size());
        assertEquals(List.of(), InboxWatcher.scan(site.inbox));
    }

    @Test
    void aManualOnlyReleaseNotifiesOnceAndInstallsWhenAnOperatorSaysSo() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        Agent agent = site.agent(clock);
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", false, MONDAY_9_UTC), null)));
        for (int i = 0; i < 5; i++) {
            agent.tick();
            clock.advance(Duration.ofHours(6));
        }
        assertEquals(PatchState.WAITING, site.report("Spruce-12.10.11.kit").state());
        assertEquals(InstallChance.operator(Checks.MANUAL_ONLY, AgentSite.PARIS), site.report("Spruce-12.10.11.kit").nextChance());
        assertEquals("app 12.10.10", site.installed("bin/app.jar"));

        InstallOutcome outcome = agent.installNow("12.10.11", null);

        assertEquals(PatchState.INSTALLED, outcome.state());
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
        assertEquals("operator", site.report("Spruce-12.10.11.kit").installations().get(0).trigger());
        assertTrue(smtp.server().waitForIncomingEmail(10_000, 3));
        assertEquals(List.of("[acme-paris] Received Spruce 12.10.11",
                "[acme-paris] Manual installation required for Spruce 12.10.11",
                "[acme-paris] Installed Spruce 12.10.11"), smtp.subjects());
    }

    @Test
    void aFailingInstallHookLeavesTheSiteAsItWasAndSaysWhy() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        Map<String, String> before = TreeDigest.of(site.installRoot);
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC),
                "echo 'database locked' >&2; exit 3")));

        agent.tick();

        assertEquals(before, TreeDigest.of(site.installRoot), "install root byte-identical, modes and times too");
        PatchReport report = site.report("Spruce-12.10.11.kit");
        assertEquals(PatchState.ROLLED_BACK, report.state());
        assertTrue(report.reason().contains("install"), report.reason());
        assertEquals(PatchState.ROLLED_BACK, report.installations().get(0).outcome());
        agent.tick(); // a failed installation is not retried on its own
        assertEquals(1, site.report("Spruce-12.10.11.kit").installations().size());
        assertTrue(smtp.server().waitForIncomingEmail(10_000, 2));
        assertEquals(List.of("[acme-paris] Received Spruce 12.10.11", "[acme-paris] Rolled back Spruce 12.10.11"), smtp.subjects());
        assertTrue(GreenMailUtil.getBody(smtp.server().getReceivedMessages()[1]).contains(report.reason()));
    }

    @Test
    void aPostponedPatchWaitsForAnOperatorAndAScheduledOneInstallsAtItsTime() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        Agent agent = site.agent(clock);
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));

        PatchRecord postponed = agent.postpone("12.10.11", null);
        assertEquals(PatchState.WAITING, postponed.state());
        assertTrue(postponed.reason().startsWith("postponed by an operator"), postponed.reason());
        clock.advance(Duration.ofDays(2));
        agent.tick();
        assertEquals("app 12.10.10", site.installed("bin/app.jar"));

        // 2026-11-26 23:00 in Paris is 22:00 UTC.
        PatchRecord scheduled = agent.schedule("12.10.11", null, LocalDateTime.parse("2026-11-26T23:00"));
        assertEquals(PatchState.SCHEDULED, scheduled.state());
        assertEquals(Instant.parse("2026-11-26T22:00:00Z"), site.report("Spruce-12.10.11.kit").scheduledAt());
        clock.set(Instant.parse("2026-11-26T21:59:00Z"));
        agent.tick();
        assertEquals("app 12.10.10", site.installed("bin/app.jar"));
        clock.set(Instant.parse("2026-11-26T22:00:00Z"));
        agent.tick();
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
        assertEquals("scheduled", site.report("Spruce-12.10.11.kit").installations().get(0).trigger());
    }

    @Test
    void aVersionOfSeveralProductsNeedsTheProductNamed() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        // As if set up with --product Spruce --product Maple: this site serves both.
        new io.patchbay.agent.registry.RegistryStore(site.home.patches()).update(r -> r.withProduct("Maple"));
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        var other = new io.patchbay.model.kit.Manifest("Maple", io.patchbay.model.release.Version.parse("12.10.11"),
                io.patchbay.model.release.Version.parse("0"), io.patchbay.model.release.Channel.STABLE, true, false,
                MONDAY_9_UTC, false, List.of());
        Path maple = site.kit(other, null);
        agent.receive(site.deliver(Files.move(maple, maple.resolveSibling("Maple-12.10.11.kit"))));
        PatchbayException e = assertThrows(PatchbayException.class, () -> agent.postpone("12.10.11", null));
        assertEquals("version 12.10.11 matches patches of several products (Maple, Spruce): choose one with --product",
                e.getMessage());
        assertEquals("Maple", agent.postpone("12.10.11", "maple").product());
    }

    @Test
    void theDaemonInstallsAKitDroppedIntoItsInbox() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        try (AgentDaemon daemon = AgentDaemon.start(site.agent(java.time.Clock.systemUTC()), java.time.Clock.systemUTC())) {
            site.deliver(site.kit(AgentSite.manifest("12.10.11", true, Instant.now().minus(Duration.ofDays(1))), null));
            Instant deadline = Instant.now().plusSeconds(60);
            PatchState state = null;
            while (Instant.now().isBefore(deadline) && state != PatchState.INSTALLED) {
                Thread.sleep(200);
                Path report = site.home.status().resolve(StatusReports.patchFileName("Spruce-12.10.11.kit"));
                state = Files.exists(report) ? site.report("Spruce-12.10.11.kit").state() : null;
            }
            assertEquals(PatchState.INSTALLED, state);
        }
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
        assertFalse(Files.exists(site.inbox.resolve("Spruce-12.10.11.kit")));
    }

    @Test
    void anOperatorInstallWaitsForTheRunningInstallationAndThenNamesItsHolder() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = new Agent(site.home, site.config(), new MutableClock(MONDAY_10_UTC),
                Installs.childProcess(site.home.dir(), Duration.ofMillis(300), Duration.ofMinutes(2)), new Notifier(null),
                new CommandPrecondition(site.home.dir(), Duration.ofSeconds(10)));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));

        try (InstallLock held = InstallLock.acquire(site.home.dir(), Duration.ZERO, "install Spruce 12.10.99")) {
            PatchbayException e = assertThrows(PatchbayException.class, () -> agent.installNow("12.10.11", null));
            assertTrue(e.getMessage().startsWith("another installation is running on this site: pid "
                    + ProcessHandle.current().pid() + " (install Spruce 12.10.99)"), e.getMessage());
        }
        PatchReport report = site.report("Spruce-12.10.11.kit");
        assertEquals(PatchState.WAITING, report.state(), "not left as installing");
        assertTrue(report.reason().startsWith("installation did not start: another installation is running"), report.reason());
        assertEquals(PatchState.INSTALLED, agent.installNow("12.10.11", null).state(), "works once the lock is free");
    }

    @Test
    void theDaemonInstallsAKitUploadedOverHttpsAndServesItsReport() throws Exception {
        AgentConfig.Https https = AgentSite.https(dir);
        Path token = https.tokenFile();
        AgentSite site = new AgentSite(dir, null, https);
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        Path kit = site.kit(AgentSite.manifest("12.10.11", true, Instant.now().minus(Duration.ofDays(1))), null);
        try (AgentDaemon daemon = AgentDaemon.start(site.agent(java.time.Clock.systemUTC()), java.time.Clock.systemUTC())) {
            TusClient client = TusClient.forSite(new HttpsEndpoint("127.0.0.1", daemon.httpsPort()), token,
                    java.util.Optional.of(TestCertificates.shared().caPem()), TusOptions.defaults());
            client.upload(kit, "Spruce-12.10.11.kit", UploadListener.NONE);
            Instant deadline = Instant.now().plusSeconds(60);
            PatchState state = null;
            while (Instant.now().isBefore(deadline) && state != PatchState.INSTALLED) {
                Thread.sleep(200);
                state = client.patchReports().stream().filter(r -> r.kit().equals("Spruce-12.10.11.kit"))
                        .map(PatchReport::state).findFirst().orElse(null);
            }
            assertEquals(PatchState.INSTALLED, state);
            assertEquals(Map.of("Spruce", "12.10.11"), client.agentReport().orElseThrow().installed());
            assertEquals(io.patchbay.model.report.AgentHealth.Service.ok("port " + daemon.httpsPort()),
                    client.healthReport(client.statusFileNames()).orElseThrow().https(), "health is served too");
        }
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
    }

    private static String last(PatchRecord p) {
        return p.checks().isEmpty() ? "" : p.checks().get(p.checks().size() - 1).check();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
