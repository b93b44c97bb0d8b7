package io.patchbay.transport.https;

import io.patchbay.model.PatchbayException;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a site's agent listens: {@code https://HOST:PORT}, as given to {@code site add --https}. The
 * agent serves tus uploads under {@link #UPLOADS_PATH} and its reports under {@link #STATUS_PATH}.
 */
public record HttpsEndpoint(String host, int port) {
    public static final String UPLOADS_PATH = "/files/";
    public static final String STATUS_PATH = "/status/";
    /** Where the agent serves a version's post-install state: {@code /backups/<version>}. */
    public static final String BACKUPS_PATH = "/backups/";

    // A DNS name, an IPv4 address, or a bracketed IPv6 literal; nothing that could smuggle a path or user.
    private static final Pattern FORM = Pattern.compile(
            "https://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?/?");

    public HttpsEndpoint {
        if (host == null || host.isBlank()) {
            throw new PatchbayException("HTTPS endpoint has no host");
        }
        if (port < 1 || port > 65535) {
            throw new PatchbayException("HTTPS port out of range (1-65535): " + port);
        }
    }

    /** Parses {@code https://HOST[:PORT]}; the port defaults to 443. */
    public static HttpsEndpoint parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new PatchbayException("not an HTTPS endpoint (expected https://HOST:PORT): '" + text + "'");
        }
        int port = m.group(2) == null ? 443 : Integer.parseInt(m.group(2));
        return new HttpsEndpoint(m.group(1).toLowerCase(Locale.ROOT), port);
    }

    public URI baseUri() {
        return URI.create("https://" + host + ":" + port + "/");
    }

    public URI uploadsUri() {
        return baseUri().resolve(UPLOADS_PATH);
    }

    public URI statusUri() {
        return baseUri().resolve(STATUS_PATH);
    }

    @Override
    public String toString() {
        return "https://" + host + ":" + port;
    }
}
