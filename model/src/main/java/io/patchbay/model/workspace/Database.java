package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Connections to the workspace database and the one way to run a transaction.
 *
 * <p>Each call borrows a connection from a small pool (H2's own) and gives it back. Opening an H2
 * connection costs about 1.4 ms in the serving process and 9 ms in another one, against 0.1 ms for a
 * small query; borrowing from the pool costs 0.3 ms and 1.3 ms ({@code WorkspaceBenchmark}), so pooling
 * pays, most of all for the second process. Pooled connections survive the mixed-mode
 * hand-over because the URL has {@code AUTO_RECONNECT=TRUE}: when the serving process exits, a
 * connection reconnects on its next use, to whichever process serves the file then (maybe this one).
 */
final class Database implements AutoCloseable {
    /** Enough for a client's background tasks plus a worker's parallel sends; more callers wait. */
    static final int MAX_CONNECTIONS = 16;

    private final String url;
    private final Clock clock;
    private final JdbcConnectionPool pool;

    Database(String url, Clock clock) {
        this.url = url;
        this.clock = clock;
        this.pool = JdbcConnectionPool.create(url, Workspace.USER, "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        pool.setLoginTimeout(60);
    }

    String url() {
        return url;
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
                return pool.getConnection();
            } catch (SQLException e) {
                if (!isHandover(e) || System.nanoTime() > deadline) {
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
        pool.dispose();
    }

    /**
     * The current time as stored: truncated to microseconds, the finest both H2 and PostgreSQL keep,
     * so a value read back equals the value written.
     */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it does. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true); // the connection goes back to the pool as it came
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
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
        return new PatchbayException("workspace database: cannot " + what + ": "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
