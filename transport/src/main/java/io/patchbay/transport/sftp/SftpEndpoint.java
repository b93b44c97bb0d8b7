package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a site's SFTP folder is: {@code sftp://USER@HOST:PORT/PATH}. The path is absolute on the server;
 * the site's {@code inbox/} and {@code status/} folders live directly under it.
 */
public record SftpEndpoint(String user, String host, int port, String path) {
    public static final int DEFAULT_PORT = 22;

    public SftpEndpoint {
        if (user == null || user.isBlank()) {
            throw new PatchbayException("SFTP address needs a user name (sftp://USER@HOST:PORT/PATH)");
        }
        if (host == null || host.isBlank()) {
            throw new PatchbayException("SFTP address needs a host (sftp://USER@HOST:PORT/PATH)");
        }
        if (port < 1 || port > 65535) {
            throw new PatchbayException("SFTP port out of range 1-65535: " + port);
        }
        if (path == null || !path.startsWith("/")) {
            throw new PatchbayException("SFTP address needs an absolute folder path (sftp://USER@HOST:PORT/PATH)");
        }
        // A trailing slash would double up when we append inbox/ and status/.
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
    }

    /** Parses {@code sftp://USER@HOST[:PORT]/PATH}; the port defaults to 22. */
    public static SftpEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PatchbayException("empty SFTP address; expected sftp://USER@HOST:PORT/PATH");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new PatchbayException("malformed SFTP address '" + text + "': " + e.getReason());
        }
        if (!"sftp".equalsIgnoreCase(uri.getScheme())) {
            throw new PatchbayException("not an SFTP address (must start with sftp://): '" + text + "'");
        }
        if (uri.getHost() == null) {
            throw new PatchbayException("SFTP address without a usable host: '" + text + "'");
        }
        if (uri.getUserInfo() == null || uri.getUserInfo().contains(":")) {
            throw new PatchbayException("SFTP address needs USER@ and no password: '" + text + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new PatchbayException("SFTP address must not have ?query or #fragment: '" + text + "'");
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            throw new PatchbayException("SFTP address needs a folder path after the host: '" + text + "'");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new SftpEndpoint(uri.getUserInfo(), host, port, path);
    }

    /** The host as OpenSSH writes it in known_hosts: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    public String inbox() {
        return child("inbox");
    }

    public String partial() {
        return child("inbox/.partial");
    }

    public String status() {
        return child("status");
    }

    /** The agent's post-install backup of installation {@code id}: {@code backups/<id>/post} in the agent home. */
    public String postInstallBackup(long id) {
        return child("backups/" + id + "/post");
    }

    private String child(String name) {
        return path.equals("/") ? "/" + name : path + "/" + name;
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "sftp://" + user + "@" + h + ":" + port + path;
    }
}
