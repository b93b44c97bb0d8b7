package io.patchbay.agent.home;

import io.patchbay.agent.notify.MailSettings;

import io.patchbay.model.PatchbayException;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code patchbay agent init} records in {@code agent.json}. Secrets (keystore password, bearer
 * token, SMTP password) are never in it: only the paths of the files that hold them.
 *
 * @param site        the site's name, used in notices
 * @param installRoot where the product is installed; payload files go here
 * @param dataRoot    the product's data, backed up when a manifest asks; may be null
 * @param inbox       where kits arrive (SFTP uploads land here)
 * @param https       the HTTPS receiver, or null when the site receives over SFTP only
 * @param mail        e-mail notices, or null for none
 * @param tick        how often the daemon re-evaluates waiting patches
 */
public record AgentConfig(String site, Path installRoot, Path dataRoot, Path inbox, Https https, MailSettings mail,
                          Duration tick) {

    public AgentConfig {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(installRoot, "installRoot");
        Objects.requireNonNull(inbox, "inbox");
        tick = tick == null ? Duration.ofMinutes(1) : tick;
    }

    /**
     * The agent's own HTTPS endpoint.
     *
     * @param port                 TCP port to listen on
     * @param keystore             PKCS12 keystore with the server's certificate and key
     * @param keystorePasswordFile file holding the keystore password
     * @param tokenFile            file holding the bearer token clients must present
     * @param bind                 the address to listen on (an IP literal), or null for all interfaces
     */
    public record Https(int port, Path keystore, Path keystorePasswordFile, Path tokenFile, String bind) {

        /** Listening on all interfaces. */
        public Https(int port, Path keystore, Path keystorePasswordFile, Path tokenFile) {
            this(port, keystore, keystorePasswordFile, tokenFile, null);
        }

        public Https {
            bind = bind == null || bind.isBlank() ? null : bind.strip();
        }

        /** Where to listen: {@link #bind} (resolved now) and {@link #port}. */
        public InetSocketAddress bindAddress() {
            if (bind == null) {
                return new InetSocketAddress(port);
            }
            InetSocketAddress address = new InetSocketAddress(bind, port);
            if (address.isUnresolved()) {
                throw new PatchbayException("HTTPS bind address '" + bind + "' does not resolve to an address");
            }
            return address;
        }
    }

    public AgentConfig withMail(MailSettings newMail) {
        return new AgentConfig(site, installRoot, dataRoot, inbox, https, newMail, tick);
    }
}
