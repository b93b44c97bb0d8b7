package io.patchbay.agent.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notices reach a real SMTP server (GreenMail, in-process), and wait when it is down. */
class NoticeOutboxTest {
    private static final Instant AT = Instant.parse("2026-11-24T21:40:32Z");
    private final Notices notices = new Notices("acme-paris", ZoneId.of("Europe/Paris"), Path.of("/var/lib/patchbay agent"));
    private GreenMail smtp;

    @AfterEach
    void stopServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void everyNoticeKindReachesTheAdministrator(@TempDir Path home) throws Exception {
        int port = freePort();
        startSmtp(port);
        NoticeOutbox outbox = new NoticeOutbox(home.resolve("notices"), new SmtpMailer(settings(port)));

        outbox.post(notices.downloadReceived("Spruce 12.10.11", true, AT));
        outbox.post(notices.installed("Spruce 12.10.11", "automatic", AT.plusSeconds(600)));
        outbox.post(notices.failedRolledBack("Spruce 12.10.12", "install hook exited 3: disk full", true, AT));
        outbox.post(notices.manualInstallRequired("Spruce 13.0.0", AT));

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(List.of(
                        "[acme-paris] Received Spruce 12.10.11",
                        "[acme-paris] Installed Spruce 12.10.11",
                        "[acme-paris] Rolled back Spruce 12.10.12",
                        "[acme-paris] Manual installation required for Spruce 13.0.0"),
                java.util.Arrays.stream(received).map(NoticeOutboxTest::subject).toList());
        assertEquals("admin@acme.example", received[0].getAllRecipients()[0].toString());
        String download = GreenMailUtil.getBody(received[0]);
        assertTrue(download.contains("If this message is not followed in 60 minutes by a success confirmation"), download);
        assertTrue(download.contains("2026-11-24 22:40:32 CET"), "time in the site's zone: " + download);
        assertTrue(GreenMailUtil.getBody(received[1]).contains("Automatic upgrade to Spruce 12.10.11 completed at"));
        assertTrue(GreenMailUtil.getBody(received[2]).contains("install hook exited 3: disk full"));
        String manual = GreenMailUtil.getBody(received[3]);
        assertTrue(manual.contains("patchbay agent install --home '/var/lib/patchbay agent' 13.0.0"),
                "the real home, quoted for a shell: " + manual);
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void noticeWaitsWhileTheMailServerIsDownAndGoesOutWhenItIsBack(@TempDir Path home) throws Exception {
        int port = freePort();
        NoticeOutbox outbox = new NoticeOutbox(home.resolve("notices"), new SmtpMailer(settings(port)));

        NoticeOutbox.FlushResult down = outbox.post(notices.downloadReceived("Spruce 12.10.11", true, AT));

        assertEquals(1, down.stillPending());
        assertNotNull(down.lastError());
        assertTrue(down.lastError().startsWith("cannot send e-mail through 127.0.0.1:" + port), down.lastError());

        // A restarted agent finds the notice on disk.
        NoticeOutbox afterRestart = new NoticeOutbox(home.resolve("notices"), new SmtpMailer(settings(port)));
        startSmtp(port);
        NoticeOutbox.FlushResult up = afterRestart.flush();

        assertEquals(1, up.sent());
        assertEquals(0, afterRestart.pendingCount());
        assertEquals("[acme-paris] Received Spruce 12.10.11", subject(smtp.getReceivedMessages()[0]));
    }

    @Test
    void passwordIsReadFromItsFileAndNeverPartOfTheSettings(@TempDir Path home) throws Exception {
        int port = freePort();
        startSmtp(port);
        smtp.setUser("agent@acme.example", "agent", "s3cret-pass");
        Path passwordFile = Files.writeString(home.resolve("smtp.password"), "s3cret-pass\n");
        MailSettings withAuth = new MailSettings("127.0.0.1", port, MailSettings.Security.NONE, "agent@acme.example",
                List.of("admin@acme.example"), "agent", passwordFile, Duration.ofSeconds(5));

        new NoticeOutbox(home.resolve("notices"), new SmtpMailer(withAuth))
                .post(notices.installed("Spruce 12.10.11", "operator", AT));

        assertEquals(1, smtp.getReceivedMessages().length);
        assertTrue(!withAuth.toString().contains("s3cret-pass"));
        assertTrue(GreenMailUtil.getBody(smtp.getReceivedMessages()[0]).startsWith("Upgrade to Spruce 12.10.11"));
    }

    private void startSmtp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private static MailSettings settings(int port) {
        return new MailSettings("127.0.0.1", port, MailSettings.Security.NONE, "agent@acme.example",
                List.of("admin@acme.example"), null, null, Duration.ofSeconds(5));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
