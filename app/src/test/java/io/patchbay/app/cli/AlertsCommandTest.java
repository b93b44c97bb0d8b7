package io.patchbay.app.cli;

import com.icegreen.greenmail.util.GreenMail;
import io.patchbay.app.alerts.DeadManWatch;
import java.time.Duration;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.patchbay.app.alerts.SupportMail;
import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code patchbay alerts --mail} and {@code status}: alerts shown and mailed once, to a real SMTP server (GreenMail). */
class AlertsCommandTest {
    static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
    @TempDir
    Path dir;
    GreenMail smtp;
    Path ws;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("patchbay", "s3cret-from-a-file");
        smtp.start();
        ws = dir.resolve("acme-ws");
        try (Workspace w = Workspace.open(ws)) {
            Release release = TestWorkspaces.addRelease(w, "Spruce", "12.10.12", T);
            TestWorkspaces.addSite(w, "acme", "pilot");
            TestWorkspaces.addSite(w, "bolt", "pilot");
            w.rollouts().startWith(release.id(), List.of("acme", "bolt"), List.of(), null,
                    io.patchbay.model.rollout.FailureThreshold.parse("1"),
                    io.patchbay.model.rollout.RingAdvance.QUOTA_ONLY, TestWorkspaces.PERSON);
            w.reports().record("acme", new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(),
                    "Spruce", "12.10.12", PatchState.FAILED, "restore failed", T, T, null, List.of(),
                    List.of(new InstallationReport(1, "automatic", T, T, PatchState.FAILED, "install", "restore failed"))),
                    TestWorkspaces.WORKER);
        }
        Files.writeString(ws.resolve("smtp.password"), "s3cret-from-a-file\n");
        Files.writeString(ws.resolve(SupportMail.FILE), """
                {"host": "127.0.0.1", "port": %d, "security": "none", "from": "patchbay@vendor.example",
                 "to": ["support@vendor.example"], "username": "patchbay", "passwordFile": "smtp.password"}
                """.formatted(port));
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void anAlertIsShownInStatusAndMailedToSupportOnce() throws Exception {
        KitCommandTest.Run status = run("status", "--workspace", ws.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("ALERT rollout-paused: rollout 1 of Spruce 12.10.12 paused itself: 1 site failed "
                + "or rolled back (threshold 1); resume it with `patchbay rollout resume 1`"), status.out());

        KitCommandTest.Run mail = run("alerts", "--mail", "--workspace", ws.toString());
        assertEquals(0, mail.exit(), mail.err());
        assertTrue(mail.out().endsWith("1 alert mailed to support@vendor.example\n"), mail.out());
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertEquals("[patchbay acme-ws] rollout-paused: rollout 1", m.getSubject());
        assertEquals("support@vendor.example", m.getAllRecipients()[0].toString());
        assertTrue(GreenMailUtil.getBody(m).contains("paused itself: 1 site failed or rolled back"), GreenMailUtil.getBody(m));

        KitCommandTest.Run again = run("alerts", "--mail", "--workspace", ws.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("(mailed)") && again.out().endsWith("0 alerts mailed to support@vendor.example\n"),
                again.out());
        assertEquals(1, smtp.getReceivedMessages().length, "mailed once");
        KitCommandTest.Run json = run("alerts", "--json", "--workspace", ws.toString());
        assertEquals(0, json.exit(), json.err());
        var alerts = io.patchbay.model.json.Json.mapper().readTree(json.out());
        assertEquals(1, alerts.size(), json.out());
        assertEquals("rollout-paused", alerts.get(0).get("kind").asText());
        assertTrue(alerts.get(0).get("mailedAt").isTextual(), json.out());
        try (Workspace w = Workspace.open(ws)) {
            assertTrue(w.events().find(io.patchbay.model.workspace.EventQuery.all()).stream()
                    .noneMatch(e -> (e.detail() == null ? "" : e.detail()).contains("s3cret")), "no password in the log");
        }
    }

    @Test
    void aRunningWorkersWatchMailsANewAlertToSupportByItselfAndOnlyOnce() throws Exception {
        List<String> said = new java.util.ArrayList<>();
        try (Workspace w = Workspace.open(ws); DeadManWatch watch = new DeadManWatch(w, ws, Duration.ofHours(2),
                Duration.ofHours(24), TestWorkspaces.WORKER, said::add)) {
            assertEquals(1, watch.pass().size());
            assertEquals(List.of(), watch.pass(), "the next pass mails nothing again");
        }
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        assertEquals(1, smtp.getReceivedMessages().length, "mailed once");
        KitCommandTest.Run json = run("alerts", "--json", "--workspace", ws.toString());
        assertEquals(0, json.exit(), json.err());
        var alerts = io.patchbay.model.json.Json.mapper().readTree(json.out());
        assertEquals(1, alerts.size(), json.out());
        assertEquals("rollout-paused", alerts.get(0).get("kind").asText());
        assertTrue(alerts.get(0).get("mailedAt").isTextual(), json.out());
        assertEquals("[patchbay acme-ws] rollout-paused: rollout 1", smtp.getReceivedMessages()[0].getSubject());
        assertEquals(List.of("1 alert mailed to support@vendor.example"), said);
    }

    @Test
    void anAlertAboutAReleaseGoesToThatReleasesSupportTeamAndItsProductsNextReleaseKeepsIt() throws Exception {
        KitCommandTest.Run set = run("release", "support", "12.10.12", "--mail", "spruce-support@vendor.example, "
                + "lead@vendor.example", "--workspace", ws.toString());
        assertEquals(0, set.exit(), set.err());
        assertEquals("alerts about Spruce 12.10.12 are mailed to spruce-support@vendor.example, lead@vendor.example\n",
                set.out());

        KitCommandTest.Run mail = run("alerts", "--mail", "--workspace", ws.toString());
        assertEquals(0, mail.exit(), mail.err());
        assertTrue(mail.out().endsWith("1 alert mailed to spruce-support@vendor.example, lead@vendor.example\n"), mail.out());
        assertTrue(smtp.waitForIncomingEmail(10_000, 2));
        List<String> recipients = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            recipients.add(GreenMailUtil.getAddressList(m.getAllRecipients()));
        }
        // One message to both; the test server keeps a copy per recipient.
        assertEquals(List.of("spruce-support@vendor.example, lead@vendor.example",
                "spruce-support@vendor.example, lead@vendor.example"), recipients,
                "the release's team, not the workspace's support@vendor.example");

        try (Workspace w = Workspace.open(ws)) {
            TestWorkspaces.addRelease(w, "Spruce", "12.10.13", T);
        }
        KitCommandTest.Run next = run("release", "support", "12.10.13", "--workspace", ws.toString());
        assertEquals("alerts about Spruce 12.10.13 are mailed to spruce-support@vendor.example, lead@vendor.example\n",
                next.out());
    }

    @Test
    void aSupportAddressThatCouldSmuggleAMailHeaderIsRefused() {
        KitCommandTest.Run r = run("release", "support", "12.10.12", "--mail", "ops@vendor.example\r\nBcc: x@evil.example",
                "--workspace", ws.toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: not an e-mail address: 'ops@vendor.example\\u000d\\u000aBcc: x@evil.example' (expected e.g. "
                + "support@vendor.example; several separated by commas)\n", r.err());
        KitCommandTest.Run shown = run("release", "support", "12.10.12", "--workspace", ws.toString());
        assertEquals("alerts about Spruce 12.10.12 are mailed to the workspace's support address (support-mail.json)\n",
                shown.out());
    }

    @Test
    void withoutSupportMailSettingsMailingIsRefusedInOneLine() throws Exception {
        Files.delete(ws.resolve(SupportMail.FILE));
        KitCommandTest.Run r = run("alerts", "--mail", "--workspace", ws.toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: no support-mail.json in the workspace: cannot mail alerts (see `patchbay alerts --help`)\n",
                r.err());
        assertEquals(0, smtp.getReceivedMessages().length);
    }
}
