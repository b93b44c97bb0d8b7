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
    void twoProcessesFlushingOneOutboxSendEachNoticeExactlyOnce(@TempDir Path home) throws Exception {
        int port = freePort();
        NoticeOutbox writer = new NoticeOutbox(home.resolve("notices"), new SmtpMailer(settings(port)));
        int count = 30;
        for (int i = 0; i < count; i++) { // the mail server is down: all of them wait in pending/
            writer.post(notices.installed("Spruce 12.10." + i, "automatic", AT.plusSeconds(i)));
        }
        assertEquals(count, writer.pendingCount());
        startSmtp(port);

        // Two outboxes on one home stand for the daemon and an operator's command: each has its own lock.
        NoticeOutbox daemon = new NoticeOutbox(home.resolve("notices"), new SmtpMailer(settings(port)));
        NoticeOutbox operator = new NoticeOutbox(home.resolve("notices"), new SmtpMailer(settings(port)));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = both.submit(() -> {
                start.await();
                return daemon.flush().sent();
            });
            var b = both.submit(() -> {
                start.await();
                return operator.flush().sent();
            });
            assertEquals(count, a.get() + b.get(), "between them, every notice was sent");
        } finally {
            both.shutdownNow();
        }

        List<String> subjects = java.util.Arrays.stream(smtp.getReceivedMessages()).map(NoticeOutboxTest::subject).toList();
        assertEquals(count, subjects.size(), "no notice twice: " + subjects);
        assertEquals(count, new java.util.HashSet<>(subjects).size());
        assertEquals(0, writer.pendingCount());
        try (var left = Files.list(home.resolve("notices/sending"))) {
            assertEquals(List.of(), left.toList(), "no claim left behind");
        }
    }

    @Test
    void aNoticeClaimedByAProcessThatDiedIsSentByTheNextFlush(@TempDir Path home) throws Exception {
        int port = freePort();
        startSmtp(port);
        Path sending = Files.createDirectories(home.resolve("notices/sending"));
        Path pending = Files.createDirectories(home.resolve("notices/pending"));
        NoticeOutbox outbox = new NoticeOutbox(home.resolve("notices"), new SmtpMailer(settings(port)));
        Files.write(pending.resolve("00000000000000000001-000001-installed.json"), io.patchbay.model.json.Json.mapper()
                .writeValueAsBytes(notices.installed("Spruce 12.10.11", "automatic", AT)));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.move(pending.resolve("00000000000000000001-000001-installed.json"),
                sending.resolve("00000000000000000001-000001-installed.json." + dead.pid()));

        assertEquals(1, outbox.flush().sent());
        assertEquals(List.of("[acme-paris] Installed Spruce 12.10.11"),
                java.util.Arrays.stream(smtp.getReceivedMessages()).map(NoticeOutboxTest::subject).toList());
    }

    @Test
    void theReceivedNoticePromisesAConfirmationOnlyWhenTheKitInstallsNow() {
        assertTrue(notices.downloadReceived("Spruce 12.10.11", true, AT).body().contains("60 minutes"));
        String waits = notices.downloadReceived("Spruce 12.10.11", false, AT).body();
        assertTrue(!waits.contains("60 minutes") && waits.contains("does not install right away"), waits);
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
