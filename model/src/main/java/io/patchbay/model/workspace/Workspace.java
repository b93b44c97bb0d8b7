package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.trust.RotationStatements;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * A workspace: a folder with the workspace database ({@code patchbay.mv.db}) and the release kits
 * ({@code kits/}); or, for a team, a shared PostgreSQL database ({@link TeamDatabase}) and a folder on each
 * machine for that machine's files. Several processes may open the same workspace at once (the desktop client, a
 * {@code patchbay deliver} worker, a one-off command): the database is opened in H2's mixed mode, so the
 * first process serves the file and the others reach it through that process; when it exits, the next
 * connection of another process takes the file over. Nobody sees "database in use".
 *
 * <p>Every commit is written to the file before it returns ({@code WRITE_DELAY=0}; H2's default keeps
 * commits in memory for up to 500 ms, which a killed process would lose).
 *
 * <p>All methods may be called from any thread: each call borrows its own pooled connection.
 */
public final class Workspace implements AutoCloseable {
    public static final String DATABASE_NAME = "patchbay";
    public static final String KITS = "kits";
    /** Where host keys were pinned before they moved into the database; imported once ({@link HostKeyPins}). */
    public static final String KNOWN_HOSTS = "known_hosts";
    /** This machine's secrets of the sites, by site name ({@link SiteCredentials}), unless named otherwise. */
    public static final String CREDENTIALS = "credentials";
    /** Signed pull notices, written from the database when a worker sends one. */
    public static final String PULLS = "pulls";
    /** Where rotation notices are written from the database before they are sent. */
    public static final String ROTATIONS = "rotations";
    static final String USER = "sa";
    static final List<String> MIGRATIONS = List.of("classpath:db/migration");

    private static final LazyLogger LOG = LazyLogger.of(Workspace.class);

    private final Path dir;
    private final Database db;
    private final Connection keepOpen;
    private final KitStore kits;
    private final SiteCredentials credentials;

    private Workspace(Path dir, Database db, Connection keepOpen, Path credentials) {
        this.dir = dir;
        this.db = db;
        this.keepOpen = keepOpen;
        this.kits = new KitStore(db, dir.resolve(KITS), KitStore.CHUNK_BYTES);
        this.credentials = new SiteCredentials(credentials == null ? dir.resolve(CREDENTIALS) : credentials);
    }

    /**
     * Opens (creating if needed) the workspace in {@code dir} and brings its schema up to date. Rows are
     * stamped by the database's clock.
     */
    public static Workspace open(Path dir) {
        return open(WorkspaceLocation.folder(dir));
    }

    /**
     * Opens the workspace at {@code location}: the folder's own H2 database, or the team's PostgreSQL
     * database (the folder then keeps this machine's files only), and brings the schema up to date.
     */
    public static Workspace open(WorkspaceLocation location) {
        return open(location, null, MIGRATIONS);
    }

    /**
     * As {@link #open(WorkspaceLocation)}, for a one-off command that reads and exits: no connection pool, and an H2
     * file that no other process holds is opened without starting the server through which other processes would
     * join it (when one does hold it, the command joins through that process). A process that starts meanwhile
     * waits for the command to finish, as during any hand-over ({@link Database#connect}), so this is for commands
     * over within moments; anything that runs long or serves others opens with {@link #open(WorkspaceLocation)}.
     */
    public static Workspace openOneOff(WorkspaceLocation location) {
        return open(location, null, MIGRATIONS, true);
    }

    /** As {@link #open(Path)}, with the clock that stamps every row and event (tests and the demo move it). */
    public static Workspace open(Path dir, Clock clock) {
        return open(WorkspaceLocation.folder(dir), clock, MIGRATIONS);
    }

    /** As {@link #open(WorkspaceLocation)}, with the clock that stamps every row and event (tests move it). */
    public static Workspace open(WorkspaceLocation location, Clock clock) {
        return open(location, java.util.Objects.requireNonNull(clock, "clock"), MIGRATIONS);
    }

    static Workspace open(Path dir, Clock clock, List<String> migrations) {
        return open(WorkspaceLocation.folder(dir), clock, migrations);
    }

    static Workspace open(WorkspaceLocation location, Clock clock, List<String> migrations) {
        return open(location, clock, migrations, false);
    }

    /**
     * @param clock  null for the database's own clock
     * @param oneOff see {@link #openOneOff}
     */
    static Workspace open(WorkspaceLocation location, Clock clock, List<String> migrations, boolean oneOff) {
        Path abs = location.dir().toAbsolutePath().normalize();
        TeamDatabase team = location.database();
        String password = null;
        try {
            WorkspaceFolder.makePrivate(abs);
            Files.createDirectories(abs.resolve(KITS));
            if (team == null) {
                listenOnLoopbackOnly(); // before the first connection, which an old workspace's migration makes here
                password = DatabasePassword.of(abs, url(abs), USER);
            }
        } catch (IOException e) {
            throw new PatchbayException("cannot create workspace folder " + abs + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw Database.failure("open " + abs, e);
        }
        Database db;
        OneOffUrl oneOffUrl = null;
        if (team == null && oneOff) {
            oneOffUrl = new OneOffUrl(abs.resolve(DATABASE_NAME), url(abs));
            db = new Database(oneOffUrl, USER, password, clock);
        } else if (oneOff) {
            db = new Database(team::url, null, team.password(), clock);
        } else if (team == null) {
            db = new Database(url(abs), USER, password, clock);
        } else {
            db = new Database(team.url(), null, team.password(), clock);
        }
        String where = team == null ? abs.toString() : team.url();
        // H2 closes a database when its last connection closes, and the process holding it serves the file
        // to the others: one connection stays open for the workspace's life. PostgreSQL needs none.
        Connection keepOpen = null;
        if (team == null) {
            try {
                keepOpen = db.connect();
                if (oneOffUrl != null) {
                    oneOffUrl.keep(); // the process's later connections join the same database the same way
                }
            } catch (SQLException e) {
                db.close();
                throw Database.failure("open " + where, e);
            }
            WorkspaceFolder.restrictDatabaseFiles(abs);
        }
        try {
            if (!SchemaVersions.isCurrent(db, migrations)) {
                migrate(db, migrations);
            }
        } catch (RuntimeException e) {
            if (keepOpen != null) {
                closeQuietly(keepOpen, e);
            }
            db.close();
            throw e;
        }
        if (!oneOff) { // a one-off command would bind the logging library for this line alone (LazyLogger)
            LOG.get().debug("workspace {} open", where);
        }
        Workspace ws = new Workspace(abs, db, keepOpen, location.credentials());
        try {
            ws.hostKeyPins().importWorkspaceFile(abs.resolve(KNOWN_HOSTS), System.getProperty("user.name", "unknown"));
        } catch (RuntimeException e) {
            ws.close();
            throw e;
        }
        return ws;
    }

    /**
     * The H2 URL: mixed mode so other processes can join; AUTO_RECONNECT so this process's connections
     * survive the serving process going away; commits written at once. The {@code retry:} file system reopens
     * the database file when a thread is interrupted in the middle of its I/O: a plain FileChannel closes for
     * every thread of the process then ("Writing to FileChannel failed"), and cancelling background work by
     * interrupting it is what executors do.
     */
    static String url(Path dir) {
        return "jdbc:h2:retry:" + dir.resolve(DATABASE_NAME) + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0";
    }

    /**
     * H2's mixed mode lets the second process on this machine join through a TCP server that would
     * otherwise listen on every interface; the workspace is for this machine's processes only. The property
     * is JVM-wide and read when the server starts, so it is set before the first connection.
     */
    private static void listenOnLoopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * Brings the schema up to date. Flyway opens connections of its own, outside {@link Database#connect}, so
     * a mixed-mode hand-over (another process exiting just now) is waited out here the same way: retried with
     * jittered back-off for up to {@link Database#HANDOVER_PATIENCE}. Flyway records each applied migration,
     * so a retry continues where the refused attempt stopped.
     */
    static void migrate(Database db, List<String> migrations) {
        long deadline = System.nanoTime() + Database.HANDOVER_PATIENCE.toNanos();
        long pauseMillis = 50;
        while (true) {
            try {
                Flyway.configure()
                        .dataSource(db.dataSource())
                        .locations(migrations.toArray(String[]::new))
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
                return;
            } catch (FlywayException e) {
                if (!db.isH2() || !Database.isHandover(e) || System.nanoTime() > deadline) {
                    throw new PatchbayException("workspace database: cannot bring the schema up to date: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
                }
                LOG.get().debug("workspace database is being handed over by another process; migrating again");
            }
            try {
                Thread.sleep(pauseMillis + java.util.concurrent.ThreadLocalRandom.current().nextLong(pauseMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PatchbayException("interrupted while opening the workspace database", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 1000);
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * The kits: their bytes in the database, and this machine's cache of kit files in {@link #kitsDir()}. One
     * store per open workspace, so a cache file is hashed once per process, not once per send.
     */
    public KitStore kits() {
        return kits;
    }

    /** A store on this workspace's database and cache with chunks of {@code chunkBytes}: tests store kits of many chunks. */
    KitStore kits(int chunkBytes) {
        return new KitStore(db, kitsDir(), chunkBytes);
    }

    /**
     * The release's kit as a file on this machine, for a pusher to send: this machine's cached copy when its
     * SHA-256 is the release's, else streamed from the database into the cache first.
     */
    public Path kitFile(long releaseId) {
        Release release = releases().find(releaseId)
                .orElseThrow(() -> new NotFoundException("no release with id " + releaseId));
        return kits.localCopy(release.kitFile(), release.kitSha256());
    }

    /** The signer keys {@code release add} accepts, shared by everyone on the workspace's database. */
    public TrustedSigners trustedSigners() {
        return new TrustedSigners(db, dir);
    }

    /** This machine's cache of kit files: {@code dir/kits}. Its files are checked before use ({@link #kits()}). */
    public Path kitsDir() {
        return dir.resolve(KITS);
    }

    /** The SFTP host keys pinned in the database, shared by everyone on the workspace's database. */
    public HostKeyPins hostKeyPins() {
        return new HostKeyPins(db);
    }

    /** Where this machine finds the sites' private keys and tokens. */
    public SiteCredentials credentials() {
        return credentials;
    }

    /**
     * The release's signed pull notice as a file, {@code dir/pulls/<product>-<version>.pull}, for a pusher to
     * send like a kit. The database holds the notice; the file is (re)written from it when missing or different.
     */
    public Path pullNoticeFile(long releaseId) {
        Release release = releases().find(releaseId)
                .orElseThrow(() -> new NotFoundException("no release with id " + releaseId));
        byte[] notice = releases().pullNotice(releaseId).orElseThrow(() -> new PatchbayException(release.title()
                + " has no signed pull notice yet: sign it with `patchbay release pull " + release.version()
                + " --key FILE`"));
        return noticeFile(dir.resolve(PULLS).resolve(PullNotices.fileName(release.product(), release.version())),
                notice, "pull notice");
    }

    /**
     * The recorded rotation statement as a file, {@code dir/rotations/key-rotation-000003.rotation}, for a pusher to
     * send like a pull notice; (re)written from the database when missing or different.
     */
    public Path rotationNoticeFile(long rotationId) {
        KeyRotations.Recorded recorded = keyRotations().find(rotationId)
                .orElseThrow(() -> new NotFoundException("no key rotation with id " + rotationId));
        return noticeFile(dir.resolve(ROTATIONS).resolve(RotationStatements.fileName(recorded.statement().sequence())),
                recorded.bytes(), "rotation statement");
    }

    /** The file a delivery sends: its kit, its release's pull notice, or its rotation statement. */
    public Path fileOf(Delivery d) {
        return switch (d.kind()) {
            case KIT -> kitFile(d.releaseId());
            case PULL -> pullNoticeFile(d.releaseId());
            case ROTATION -> rotationNoticeFile(d.rotationId());
        };
    }

    private static Path noticeFile(Path file, byte[] content, String what) {
        try {
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), content)) {
                AtomicFiles.write(file, content);
            }
        } catch (IOException e) {
            throw new PatchbayException("cannot write the " + what + " " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    public Products products() {
        return new Products(db);
    }

    /** The key rotation statements this workspace knows and sends to every site. */
    public KeyRotations keyRotations() {
        return new KeyRotations(db, trustedSigners());
    }

    public Releases releases() {
        return new Releases(db);
    }

    public Sites sites() {
        return new Sites(db);
    }

    /** Alerts for a person: rollouts that paused themselves, missed install chances, quiet sites. */
    public Alerts alerts() {
        return new Alerts(db);
    }

    public Rollouts rollouts() {
        return new Rollouts(db);
    }

    /** The delta kits beside the releases' full kits. */
    public ReleaseDeltas releaseDeltas() {
        return new ReleaseDeltas(db);
    }

    public Deliveries deliveries() {
        return new Deliveries(db);
    }

    public Reports reports() {
        return new Reports(db);
    }

    public SiteAgents siteAgents() {
        return new SiteAgents(db);
    }

    /** The sites' agent keys, which their report bundles are checked against. */
    public SiteAgentKeys siteAgentKeys() {
        return new SiteAgentKeys(db);
    }

    /** The sites whose signed status reports a harvest refused, and why. */
    public ReportRefusals reportRefusals() {
        return new ReportRefusals(db);
    }

    public Matrix matrix() {
        return new Matrix(db);
    }

    public Events events() {
        return new Events(db);
    }

    /** The workspace's database, for a copy of it ({@link WorkspaceCopy}) and tests of this package. */
    Database database() {
        return db;
    }

    /** A new connection for a caller that needs plain JDBC (tests, tools); the caller closes it. */
    Connection connect() throws SQLException {
        return db.connect();
    }

    @Override
    public void close() {
        try {
            if (keepOpen != null) {
                keepOpen.close();
            }
        } catch (SQLException e) {
            LOG.get().warn("closing workspace {}: {}", dir, e.getMessage());
        }
        db.close();
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
