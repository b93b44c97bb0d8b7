package io.patchbay.agent.run;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.patchbay.agent.notify.MailSettings;
import jakarta.mail.MessagingException;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) on a free loopback port, and the agent's mail settings for it. */
final class TestSmtp {
    private TestSmtp() {
    }

    static GreenMail start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    static MailSettings settings(GreenMail smtp) {
        return new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), MailSettings.Security.NONE,
                "agent@acme.example", List.of("admin@acme.example"), null, null, Duration.ofSeconds(10));
    }

    /** The subjects of every message received, in order. */
    static List<String> subjects(GreenMail smtp) {
        return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
