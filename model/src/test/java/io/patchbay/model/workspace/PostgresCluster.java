package io.patchbay.model.workspace;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL 15 cluster for this test JVM: its own data folder under {@code target/}, a free port on
 * 127.0.0.1, password (SCRAM) authentication so the password file is really used, started on first use and
 * stopped when the JVM exits, whatever happens. Each test gets a fresh database in it ({@link #newDatabase}, or
 * {@link #newWorkspaceDatabase} with the schema in place),
 * so one cluster serves every test without them seeing each other's rows.
 *
 * <p>PostgreSQL missing is a failure with a clear message, never a skipped test: {@code .ci/run} installs it.
 */
public final class PostgresCluster {
    static final Path BIN = Path.of(System.getProperty("patchbay.test.pgbin", "/usr/lib/postgresql/15/bin"));
    static final String SUPERUSER = "postgres";

    private static PostgresCluster running;

    private final Path dir;
    private final Path passwordFile;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private String migratedTemplate;

    private PostgresCluster(Path dir, Path passwordFile, int port) {
        this.dir = dir;
        this.passwordFile = passwordFile;
        this.port = port;
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized PostgresCluster get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    /** A new, empty database, reached as the superuser with the password from a password file. */
    public TeamDatabase newDatabase() {
        return create(nextName(), "");
    }

    /**
     * A new database with the workspace's schema in it, as if opened once: a copy of a template migrated once per
     * cluster, because running every migration took about 3 s per test on PostgreSQL. Opening it still goes through
     * the workspace's schema check. Tests of migrating itself take {@link #newDatabase()}.
     */
    public TeamDatabase newWorkspaceDatabase() {
        return create(nextName(), " TEMPLATE " + migratedTemplate());
    }

    private synchronized String migratedTemplate() {
        if (migratedTemplate == null) {
            String name = nextName();
            TeamDatabase template = create(name, "");
            try {
                Path folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-template-");
                Workspace.open(new WorkspaceLocation(folder, template)).close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot make a folder for the template workspace: " + e.getMessage(), e);
            }
            migratedTemplate = name;
        }
        return migratedTemplate;
    }

    private String nextName() {
        return "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    }

    private TeamDatabase create(String name, String clause) {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + clause);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new TeamDatabase(url(name) + "?user=" + SUPERUSER, passwordFile);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    Path passwordFile() {
        return passwordFile;
    }

    String password() throws IOException {
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    }

    private static PostgresCluster start() {
        Path initdb = BIN.resolve("initdb");
        if (!Files.isExecutable(initdb)) {
            throw new IllegalStateException("PostgreSQL 15 is not installed (" + initdb + " is missing): the "
                    + "workspace tests run on H2 and PostgreSQL; run .ci/run, or apt-get install postgresql");
        }
        try {
            Path base = Path.of("target").toAbsolutePath().resolve("postgres");
            Files.createDirectories(base);
            stopLeftovers(base);
            Path dir = base.resolve("pg-" + ProcessHandle.current().pid());
            deleteTree(dir);
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            // The password lives in files only: the superuser's for initdb and for the tests' connections.
            Path passwordFile = Files.createFile(dir.resolve("password"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, "pw-" + Long.toHexString(System.nanoTime()) + "\n");
            boolean root = "root".equals(System.getProperty("user.name"));
            Path initPassword = dir.resolve("initdb-password");
            Files.copy(passwordFile, initPassword);
            if (root) {
                // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
                run(List.of("chown", "-R", "postgres", dir.toString()));
                run(List.of("chmod", "755", base.toString(), dir.toString()));
                allowTraversal(dir);
            }
            run(asOwner(root, List.of(initdb.toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "-A", "scram-sha-256", "--pwfile=" + initPassword, "-E", "UTF8", "--no-sync")));
            int port = startServer(root, data, dir.resolve("log"));
            if (root) {
                // The tests read the password file as root; the postgres user needs it no more.
                run(List.of("chown", "root", passwordFile.toString()));
            }
            // At exit only the server is stopped, at once: a cluster of a few hundred test databases is tens of
            // thousands of files, and deleting them here held the JVM past surefire's 30 s exit limit, so it was
            // killed. The folder goes with the next run's stopLeftovers, or mvn clean.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopServer(root, data, "immediate"), "stop-postgres"));
            return new PostgresCluster(dir, passwordFile, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the server on a free port and returns it. A port found free may be taken by another process before
     * the server binds it (test JVMs run side by side): then the start is tried again on another port.
     */
    private static int startServer(boolean root, Path data, Path log) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            try {
                run(asOwner(root, List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-o",
                        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + data + " -c fsync=off -c max_connections=300",
                        "-l", log.toString(), "-w", "-t", "120", "start")));
                return port;
            } catch (IOException e) {
                byte[] said = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
                String since = new String(said, (int) Math.min(logStart, said.length),
                        (int) Math.max(0, said.length - logStart), StandardCharsets.UTF_8);
                if (attempt == 5 || !since.contains("Address already in use")) {
                    throw new IOException(e.getMessage() + "\n" + since.strip(), e);
                }
            }
        }
    }

    /** Clusters of test JVMs that were killed before their shutdown hook ran. */
    private static void stopLeftovers(Path base) throws IOException {
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path old : dirs.toList()) {
                String name = old.getFileName().toString();
                if (!name.startsWith("pg-")) {
                    continue;
                }
                long pid = Long.parseLong(name.substring(3));
                if (ProcessHandle.of(pid).isPresent()) {
                    continue; // another test JVM's, still running
                }
                // Test JVMs starting together find the same leftover: the one whose rename succeeds cleans it up.
                Path claimed = base.resolve("gone-" + ProcessHandle.current().pid() + "-" + name);
                try {
                    Files.move(old, claimed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.NoSuchFileException e) {
                    continue;
                }
                old = claimed;
                Path data = old.resolve("data");
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    stop("root".equals(System.getProperty("user.name")), data, old);
                } else {
                    deleteTree(old);
                }
            }
        }
    }

    private static void stop(boolean root, Path data, Path dir) {
        stopServer(root, data, "fast");
        try {
            deleteTree(dir);
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e.getMessage());
        }
    }

    /** {@code pg_ctl stop} in {@code mode}: "immediate" skips the shutdown checkpoint of a cluster thrown away anyway. */
    private static void stopServer(boolean root, Path data, String mode) {
        try {
            run(asOwner(root, List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w",
                    "stop")));
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot stop the test PostgreSQL cluster in " + data + ": " + e.getMessage());
        }
    }

    private static List<String> asOwner(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> as = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        as.addAll(command);
        return as;
    }

    /** The postgres user must reach its folder under target/, wherever the checkout is. */
    private static void allowTraversal(Path dir) throws IOException {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            if (!Files.isReadable(p)) {
                break;
            }
            var perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException(p + " is not searchable by the postgres user (chmod o+x it)");
            }
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
