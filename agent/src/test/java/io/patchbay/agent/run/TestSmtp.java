package io.patchbay.agent.run;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.patchbay.agent.notify.MailSettings;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on a free loopback port, and the agent's mail settings for it. Registered as an
 * extension ({@code @RegisterExtension final TestSmtp smtp = new TestSmtp();}) it is started by a test's
 * {@link #settings()} and stopped after that test.
 */
final class TestSmtp implements AfterEachCallback {
    private GreenMail server;

    /** Starts this test's server and gives the agent's settings for it. */
    MailSettings settings() throws IOException {
        server = start();
        return settings(server);
    }

    /** The server {@link #settings()} started. */
    GreenMail server() {
        if (server == null) {
            throw new IllegalStateException("no SMTP server yet: the test has not asked for its settings");
        }
        return server;
    }

    /** The subjects of every message this test's server received, in order. */
    List<String> subjects() {
        return subjects(server());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.stop();
            server = null;
        }
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
