package io.patchbay.app.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the command server that may stand in for this process listens: a socket in the user's private folder, named
 * by a key of everything besides the command line and the working folder that decides what a command does here.
 * That is this Java and these jars (their paths, sizes and times: an upgrade gets a new server) and the whole
 * environment ({@code $PATCHBAY_WORKSPACE}, {@code $HOME}, {@code $TZ}, {@code $LANG}, {@code $PATCHBAY_JAVA_OPTS}, ...),
 * so a server, started with the environment of the command that found none, runs each later command exactly as that
 * command's own JVM would. A command in another environment finds another socket.
 *
 * @param socket the Unix socket
 * @param key    the key in the socket's name, checked again by the server at each request
 */
public record ServerAddress(Path socket, long key) {
    /** {@code PATCHBAY_COMMAND_SERVER=off} runs every command in its own JVM. */
    static final String SWITCH = "PATCHBAY_COMMAND_SERVER";

    /** What a shell changes from one command to the next without changing what the command does. */
    private static final Set<String> VOLATILE = Set.of("PWD", "OLDPWD", "_", "SHLVL");

    /**
     * Environment paths a command resolves against its working folder when relative. The server's working folder is
     * "/", so a command with one of these relative runs in its own JVM. (Paths on the command line are resolved
     * against the command's folder, which the request carries.)
     */
    private static final List<String> PATH_VARIABLES = List.of("HOME", "PATCHBAY_WORKSPACE", "PATCHBAY_CREDENTIALS",
            "PATCHBAY_DATABASE_PASSWORD_FILE");

    /** Longest socket path Linux takes (108 bytes with the terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    private static final Set<PosixFilePermission> PRIVATE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** The address for this JVM, or empty when a server may not stand in for it (switched off, or no private folder). */
    public static Optional<ServerAddress> forThisProcess() {
        return of(System.getenv(), System.getProperty("java.home"), System.getProperty("java.class.path"));
    }

    static Optional<ServerAddress> of(Map<String, String> env, String javaHome, String classPath) {
        if ("off".equalsIgnoreCase(env.getOrDefault(SWITCH, "").strip())) {
            return Optional.empty();
        }
        for (String name : PATH_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isBlank() && !Path.of(value).isAbsolute()) {
                return Optional.empty();
            }
        }
        Optional<Path> folder = privateFolder(env);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        long key = key(env, javaHome, classPath);
        Path socket = folder.get().resolve("c-" + hex(key) + ".sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            return Optional.empty();
        }
        return Optional.of(new ServerAddress(socket, key));
    }

    /** Sixteen hex digits; not String.format, whose parser alone costs a launcher 20 ms. */
    private static String hex(long key) {
        String h = Long.toHexString(key);
        return "0".repeat(16 - h.length()) + h;
    }

    /** A file beside the socket: {@code .lock}, {@code .log}, {@code .starting}. */
    Path sibling(String extension) {
        String name = socket.getFileName().toString();
        return socket.resolveSibling(name.substring(0, name.length() - ".sock".length()) + extension);
    }

    /**
     * {@code $XDG_RUNTIME_DIR/patchbay}, else {@code $TMPDIR/patchbay-UID} (default {@code /tmp}): made mode 700 if
     * missing, and used only if it is a real folder of this user's that no one else may enter, as ssh-agent does
     * with its socket's folder. Empty otherwise, and where the system has no Unix user ids.
     */
    static Optional<Path> privateFolder(Map<String, String> env) {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            String runtime = env.get("XDG_RUNTIME_DIR");
            Path folder;
            if (runtime != null && Path.of(runtime).isAbsolute() && Files.isDirectory(Path.of(runtime))) {
                folder = Path.of(runtime, "patchbay");
            } else {
                String tmp = env.getOrDefault("TMPDIR", "");
                folder = Path.of(Path.of(tmp).isAbsolute() ? tmp : "/tmp", "patchbay-" + uid);
            }
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // made by another command meanwhile: checked below like any other
                }
            }
            PosixFileAttributes a = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int owner = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return a.isDirectory() && owner == uid && a.permissions().equals(PRIVATE) ? Optional.of(folder) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** FNV-1a, 64 bits: a name, not a secret; the folder is private and the server checks the key again. */
    static long key(Map<String, String> env, String javaHome, String classPath) {
        Fnv fnv = new Fnv();
        fnv.add(javaHome).add(classPath).add(installation(classPath));
        try {
            fnv.add(Files.readSymbolicLink(Path.of("/etc/localtime")).toString()); // the zone when $TZ is not set
        } catch (IOException | UnsupportedOperationException e) {
            fnv.add("-");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) { // no lambda: the first costs a launcher 30 ms
            if (!VOLATILE.contains(e.getKey())) {
                fnv.add(e.getKey()).add(e.getValue());
            }
        }
        return fnv.value();
    }

    /** The class path's files as they are now: sizes and times. A server whose installation changed stops. */
    static String installation(String classPath) {
        StringBuilder s = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            try {
                BasicFileAttributes a = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
                s.append(a.size()).append('@').append(a.lastModifiedTime().toMillis()).append(';');
            } catch (IOException | IllegalArgumentException e) {
                s.append("missing;");
            }
        }
        return s.toString();
    }

    private static final class Fnv {
        private long hash = 0xcbf29ce484222325L;

        Fnv add(String s) {
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
            hash = (hash ^ 0xff) * 0x100000001b3L; // never a byte of UTF-8: ("ab","c") and ("a","bc") differ
            return this;
        }

        long value() {
            return hash;
        }
    }
}
