package io.patchbay.agent.notify;

import io.patchbay.model.PatchbayException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the agent reaches the site administrator by e-mail. The SMTP password is never stored here: only
 * the path of a file that holds it, read when a message is sent.
 *
 * @param host         SMTP server host
 * @param port         SMTP server port
 * @param security     none, starttls (required, not opportunistic) or tls (implicit, e.g. port 465)
 * @param from         sender address
 * @param to           the administrators' addresses
 * @param username     SMTP user, or null for no authentication
 * @param passwordFile file holding the SMTP password, or null
 * @param timeout      connect, read and write timeout
 */
public record MailSettings(String host, int port, Security security, String from, List<String> to,
                           String username, Path passwordFile, Duration timeout) {

    public enum Security {
        NONE, STARTTLS, TLS;

        public static Security parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new PatchbayException("not an SMTP security mode: '" + text + "' (expected none, starttls or tls)");
            }
        }
    }

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        if (port < 1 || port > 65535) {
            throw new PatchbayException("SMTP port out of range: " + port);
        }
        if (to.isEmpty()) {
            throw new PatchbayException("no recipient for e-mail notices: give at least one address");
        }
    }

    /** The same server and sender, to other recipients (e.g. a product's own support team). */
    public MailSettings withTo(List<String> recipients) {
        return new MailSettings(host, port, security, from, List.copyOf(recipients), username, passwordFile, timeout);
    }
}
