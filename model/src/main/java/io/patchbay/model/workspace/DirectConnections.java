package io.patchbay.model.workspace;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Connections for a one-off command: each one opened when asked for, no pool. A command that runs a few statements
 * and exits pays for a pool's threads and its second connection without ever reusing one. The URL is asked for
 * again at every connection, so a workspace that another process started serving in the meantime is reached through
 * that process ({@link Workspace#briefUrl}). H2 is reached through its driver directly: {@link DriverManager} first
 * loads and registers every JDBC driver on the class path (PostgreSQL's included).
 */
final class DirectConnections implements DataSource {
    private final Supplier<String> url;
    private final String user;
    private final String password;

    DirectConnections(Supplier<String> url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        String u = url.get();
        if (!u.startsWith("jdbc:h2:")) {
            return DriverManager.getConnection(u, username, pass);
        }
        Properties info = new Properties();
        if (username != null) {
            info.setProperty("user", username);
        }
        if (pass != null) {
            info.setProperty("password", pass);
        }
        return org.h2.Driver.load().connect(u, info);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged here.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Connections are opened at once or refused; Database#connect bounds the waiting.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
