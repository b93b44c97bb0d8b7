package io.patchbay.model.workspace;

import io.patchbay.model.TransientFailure;
import io.patchbay.model.PatchbayException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.h2.api.ErrorCode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import java.time.temporal.ChronoUnit;

/**
 * Connections to the workspace database and the one way to run a transaction.
 *
 * <p>Each call borrows a connection from a small HikariCP pool and gives it back, for the folder's own H2
 * database and a team's PostgreSQL alike. Opening an H2 connection costs about 1.4 ms in the serving
 * process and 9 ms in another one, against 0.1 ms for a small query ({@code WorkspaceBenchmark}), and a
 * PostgreSQL connection costs a TCP and authentication round trip, so pooling pays. Pooled H2 connections
 * survive the mixed-mode hand-over because the URL has {@code AUTO_RECONNECT=TRUE}: when the serving process
 * exits, a connection reconnects on its next use, to whichever process serves the file then (maybe this one).
 *
 * <p>Times stored in rows come from {@link #now(Connection)}: the database's own clock
 * ({@code CURRENT_TIMESTAMP}), so workstations and workers whose clocks disagree still agree on leases, due
 * times and the order of events; or, in tests and the demo, a {@link Clock} they move by hand.
 */
final class Database implements AutoCloseable {
    private static final LazyLogger LOG = LazyLogger.of(Database.class);
    /** Enough for a client's background tasks plus a worker's parallel sends; more callers wait. */
    static final int MAX_CONNECTIONS = 16;

    private final String url;
    private final boolean h2;
    private final Clock clock;
    /** The pool, or null for a one-off command's {@link DirectConnections}. */
    private final HikariDataSource pool;
    private final DataSource source;

    /**
     * A one-off command's database: no pool, each connection opened when asked for, at the URL {@code url} gives
     * then (for H2: the file itself, or the process that serves it now).
     *
     * @param url    what to connect to; {@code url.get()} at construction is the URL said in messages
     * @param clock  the clock that stamps rows, or null for the database's own clock
     */
    Database(Supplier<String> url, String user, String password, Clock clock) {
        this.url = url.get();
        this.h2 = this.url.startsWith("jdbc:h2:");
        this.clock = clock;
        this.pool = null;
        this.source = new DirectConnections(url, user, password);
    }

    /**
     * @param clock the clock that stamps rows, or null for the database's own clock
     * @param password null to let the driver find it (PostgreSQL reads ~/.pgpass)
     */
    Database(String url, String user, String password, Clock clock) {
        this.url = url;
        this.h2 = url.startsWith("jdbc:h2:");
        this.clock = clock;
        HikariConfig config = new HikariConfig();
        config.setPoolName("patchbay-workspace");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        // One idle connection, not sixteen: a command runs a few statements, and a team's database serves
        // many workstations and workers.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(60).toMillis());
        // H2: the first connection may meet a hand-over, which connect() waits out. PostgreSQL: a wrong
        // URL or password is said at once, not after the pool's time-out.
        config.setInitializationFailTimeout(h2 ? -1 : 1);
        try {
            this.pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String text = "cannot connect to the database " + url + ": "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw unreachable(cause) ? new TransientFailure(text, e) : new PatchbayException(text, e);
        }
        this.source = pool;
    }

    String url() {
        return url;
    }

    boolean isH2() {
        return h2;
    }

    /** The connections, for Flyway: migrations use the same credentials and connections as everything else. */
    DataSource dataSource() {
        return source;
    }

    /**
     * A connection, waiting out a mixed-mode hand-over: while the process that served the file exits and
     * another takes over, H2 refuses new connections ("Lock file recently modified", "Another process was
     * faster", "Database may be already in use", or a broken connection to the server that is leaving).
     * These pass within a second or two, so they are retried
     * with jittered back-off for up to {@link #HANDOVER_PATIENCE}; any other error, or one that outlasts
     * it, is thrown.
     */
    Connection connect() throws SQLException {
        long deadline = System.nanoTime() + HANDOVER_PATIENCE.toNanos();
        long pauseMillis = 50;
        while (true) {
            try {
                return source.getConnection();
            } catch (SQLException e) {
                if (!h2 || !isHandover(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(pauseMillis + java.util.concurrent.ThreadLocalRandom.current().nextLong(pauseMillis));
                pauseMillis = Math.min(pauseMillis * 2, 1000);
            }
        }
    }

    /** How long a process waits for another to hand the database over before it gives up. */
    static final java.time.Duration HANDOVER_PATIENCE = java.time.Duration.ofSeconds(30);

    /** Whether {@code e} (or a cause) is H2 refusing a connection during a mixed-mode hand-over. */
    static boolean isHandover(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
                    || sql.getErrorCode() == ErrorCode.ERROR_OPENING_DATABASE_1 && fromFileLock(sql)
                    // The lock file still names a server whose process is exiting: its port refuses the
                    // connection, or takes it and closes it (EOF). Only ever asked about connecting.
                    || sql.getErrorCode() == ErrorCode.CONNECTION_BROKEN_1)) {
                return true;
            }
        }
        return false;
    }

    /** H2's file lock says "Lock file recently modified" or "Another process was faster" during a hand-over. */
    private static boolean fromFileLock(SQLException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals("org.h2.store.FileLock")) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the workspace database", e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * The current time as stored, read on {@code c} (inside the caller's transaction): the database's clock,
     * or the clock a test gave. Truncated to microseconds, the finest both H2 and PostgreSQL keep, so a
     * value read back equals the value written.
     */
    Instant now(Connection c) throws SQLException {
        if (clock != null) {
            return clock.instant().truncatedTo(ChronoUnit.MICROS);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getObject(1, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MICROS);
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it commits, or none of it does. A transaction that lost a
     * race to another workstation or worker is run again from the start, which is safe because nothing of
     * it was committed and the work reads before it writes: two inserts of one new key (one waits for the
     * other's commit and fails; again, it finds the row the other wrote), a deadlock, a serialization failure,
     * or an H2 server process that was exiting while it ran.
     */
    <T> T inTransaction(String what, Work<T> work) {
        long deadline = System.nanoTime() + HANDOVER_PATIENCE.toNanos();
        long pauseMillis = 10;
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransactionOnce(what, work);
            } catch (SQLException e) {
                boolean again = lostRace(e) ? attempt < RACE_ATTEMPTS
                        : h2 && serverLeaving(e) && System.nanoTime() < deadline;
                if (!again) {
                    throw failure(what, e);
                }
            }
            try {
                sleep(pauseMillis + java.util.concurrent.ThreadLocalRandom.current().nextLong(pauseMillis));
            } catch (SQLException interrupted) {
                throw failure(what, interrupted);
            }
            pauseMillis = Math.min(pauseMillis * 2, 1000);
        }
    }

    /** How often a transaction that keeps losing races is run before its error is shown. */
    static final int RACE_ATTEMPTS = 5;

    private <T> T inTransactionOnce(String what, Work<T> work) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long began = System.nanoTime();
            try {
                T result = work.run(c);
                c.commit();
                Duration took = Duration.ofNanos(System.nanoTime() - began);
                if (took.compareTo(MatrixFeed.LONGEST_WRITE) > 0) {
                    // Said because screens that follow changes look back this far only (MatrixFeed).
                    LOG.get().warn("a transaction to {} took {} s, longer than screens look back for changes ({} s); an open "
                            + "matrix may show its change late", what, took.toSeconds(), MatrixFeed.LONGEST_WRITE.toSeconds());
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true); // the connection goes back to the pool as it came
            }
        }
    }

    /**
     * A conflict with a concurrent transaction: a unique key another transaction wrote first (23505), a
     * serialization failure (40001, also H2's deadlock) or a PostgreSQL deadlock (40P01).
     */
    static boolean lostRace(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && List.of("23505", "40001", "40P01").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The H2 process serving the file is exiting: it answers "Database is already closed" while its shutdown
     * hook runs, before its port closes. The statement did not commit; once the process is gone, the
     * connection reconnects (AUTO_RECONNECT) to the next one.
     */
    private static boolean serverLeaving(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN) {
                return true;
            }
        }
        return false;
    }

    /** Runs a read; no transaction needed beyond the statement's own. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static PatchbayException failure(String what, SQLException e) {
        String text = "workspace database: cannot " + what + ": "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return unreachable(e) ? new TransientFailure(text, e) : new PatchbayException(text, e);
    }

    /**
     * Whether the database could not be reached or dropped the connection (SQL state class 08, or a failure the
     * driver calls transient or recoverable): the same command may succeed later. A wrong password (class 28) or
     * a bad statement is not.
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.net.ConnectException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
