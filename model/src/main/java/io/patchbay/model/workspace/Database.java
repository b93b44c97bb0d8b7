package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Connections to the workspace database and the one way to run a transaction.
 *
 * <p>Each call takes its own connection and closes it. While the {@link Workspace} is open it keeps one
 * extra connection open, so the database itself stays open in this process and a fresh connection is
 * cheap (measured in {@code WorkspaceBenchmark}). A per-call connection also survives the mixed-mode
 * hand-over: when the process that serves the file exits, the next connection simply opens (or
 * reaches) whoever holds it now, where a pooled connection would be broken.
 */
final class Database {
    private final String url;
    private final Clock clock;

    Database(String url, Clock clock) {
        this.url = url;
        this.clock = clock;
    }

    String url() {
        return url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, Workspace.USER, "");
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
