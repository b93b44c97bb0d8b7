package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;
import io.patchbay.model.release.Channel;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A site as a person describes it, checked on construction: each bad field is refused with a line
 * naming it. Secrets are referenced by path only (key file, token file, CA file); the workspace never
 * stores their contents.
 *
 * @param name           unique, letters, digits, dot, dash, underscore; starts with a letter or digit
 * @param transport      sftp, https or offline
 * @param endpoint       {@code sftp://USER@HOST:PORT/PATH} or {@code https://HOST:PORT}; {@link #OFFLINE_ENDPOINT}
 *                       for an offline site
 * @param identityFile   SFTP: the private key file to log in with
 * @param knownHostsFile SFTP: the OpenSSH known_hosts file that pins the host key; may be null
 * @param tokenFile      HTTPS: the file holding the bearer token
 * @param caCertFile     HTTPS: a CA certificate (PEM) to trust instead of the system store; may be null
 * @param ring           the rollout ring, e.g. {@code pilot}
 * @param channel        stable or beta
 * @param timeZone       the site's time zone, for wait days and install windows
 * @param policyJson     the site's policy as a JSON object
 */
public record SiteSpec(String name, TransportKind transport, URI endpoint, Path identityFile, Path knownHostsFile,
                       Path tokenFile, Path caCertFile, String ring, Channel channel, ZoneId timeZone,
                       String policyJson) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern RING = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String DEFAULT_RING = "broad";
    /** What an offline site has for an endpoint: it is reached by bundle only. */
    public static final URI OFFLINE_ENDPOINT = URI.create("offline:by-bundle");

    public SiteSpec {
        requireName(name);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(timeZone, "timeZone");
        if (transport == TransportKind.OFFLINE) {
            // No address: nothing ever connects to it. One fixed endpoint keeps the column and listings honest.
            endpoint = OFFLINE_ENDPOINT;
        } else if (endpoint == null || endpoint.getHost() == null) {
            throw new PatchbayException("site " + name + ": endpoint needs a host: '" + endpoint + "'");
        }
        if (transport != TransportKind.OFFLINE && !transport.word().equalsIgnoreCase(endpoint.getScheme())) {
            throw new PatchbayException("site " + name + ": endpoint must start with " + transport.word()
                    + "://, got '" + endpoint + "'");
        }
        if (endpoint.getRawUserInfo() != null && endpoint.getRawUserInfo().contains(":")) {
            throw new PatchbayException("site " + name + ": endpoint must not carry a password");
        }
        if (transport == TransportKind.SFTP && identityFile == null) {
            throw new PatchbayException("site " + name + ": an sftp site needs an identity key file");
        }
        if (transport == TransportKind.HTTPS && tokenFile == null) {
            throw new PatchbayException("site " + name + ": an https site needs a token file");
        }
        if (ring == null || !RING.matcher(ring).matches()) {
            throw new PatchbayException("site " + name + ": not a ring name: '" + ring + "'");
        }
        policyJson = normalisePolicy(name, policyJson);
    }

    /** A site with the defaults: ring {@value #DEFAULT_RING}, stable channel, UTC, empty policy. */
    public static SiteSpec sftp(String name, String endpoint, Path identityFile, Path knownHostsFile) {
        return new SiteSpec(name, TransportKind.SFTP, uri(name, endpoint), identityFile, knownHostsFile, null, null,
                DEFAULT_RING, Channel.STABLE, ZoneId.of("UTC"), "{}");
    }

    public static SiteSpec https(String name, String endpoint, Path tokenFile, Path caCertFile) {
        return new SiteSpec(name, TransportKind.HTTPS, uri(name, endpoint), null, null, tokenFile, caCertFile,
                DEFAULT_RING, Channel.STABLE, ZoneId.of("UTC"), "{}");
    }

    /** A site without a network: reached only by bundles a person carries; no address, key or token. */
    public static SiteSpec offline(String name) {
        return new SiteSpec(name, TransportKind.OFFLINE, OFFLINE_ENDPOINT, null, null, null, null, DEFAULT_RING,
                Channel.STABLE, ZoneId.of("UTC"), "{}");
    }

    /** Whether this site is reached by bundle only (no worker ever connects to it). */
    public boolean offline() {
        return transport == TransportKind.OFFLINE;
    }

    public SiteSpec withRing(String value) {
        return new SiteSpec(name, transport, endpoint, identityFile, knownHostsFile, tokenFile, caCertFile, value,
                channel, timeZone, policyJson);
    }

    public SiteSpec withChannel(Channel value) {
        return new SiteSpec(name, transport, endpoint, identityFile, knownHostsFile, tokenFile, caCertFile, ring,
                value, timeZone, policyJson);
    }

    public SiteSpec withTimeZone(ZoneId value) {
        return new SiteSpec(name, transport, endpoint, identityFile, knownHostsFile, tokenFile, caCertFile, ring,
                channel, value, policyJson);
    }

    public SiteSpec withPolicy(String json) {
        return new SiteSpec(name, transport, endpoint, identityFile, knownHostsFile, tokenFile, caCertFile, ring,
                channel, timeZone, json);
    }

    /** Parses a time zone such as {@code Europe/Paris}, naming it when unknown. */
    public static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException | NullPointerException e) {
            throw new PatchbayException("not a time zone: '" + text + "' (expected e.g. Europe/Paris)");
        }
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PatchbayException("not a site name: '" + name
                    + "' (letters, digits, '.', '-', '_'; at most 64; starts with a letter or digit)");
        }
    }

    private static URI uri(String name, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException | NullPointerException e) {
            throw new PatchbayException("site " + name + ": not an endpoint URL: '" + text + "'");
        }
    }

    private static String normalisePolicy(String site, String json) {
        String text = json == null || json.isBlank() ? "{}" : json;
        try {
            // Every site read from the database passes here: checked as a token stream, not built as a tree.
            if (!Json.isObject(text)) {
                throw new PatchbayException("site " + site + ": policy must be a JSON object");
            }
            return text.strip();
        } catch (IOException e) {
            throw new PatchbayException("site " + site + ": policy is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
