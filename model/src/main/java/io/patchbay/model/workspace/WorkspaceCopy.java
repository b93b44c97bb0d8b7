package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies a one-person H2 workspace into an empty team database ({@code patchbay workspace migrate --to URL}):
 * every table of the schema, whatever later migrations add, in the order their foreign keys need.
 *
 * <p>First the state that still lives beside the H2 file moves into it (kits of releases from before the kit
 * store, signer keys in {@code trust/}; host keys were imported when the workspace opened). Then the target is
 * brought to the same schema by Flyway and must hold no row. All rows go in one transaction on the target, read
 * from one snapshot of the source; before it commits, each table's rows are read back and their count and
 * checksum compared with the source's. Any failure rolls the transaction back: the target keeps its empty schema
 * and nothing else, and the copy can simply be run again.
 *
 * <p>The checksum of a table is the sum, modulo 2^256, of the SHA-256 of each row's values in a canonical form
 * (instants in UTC, numbers in decimal, text and bytes length-prefixed): independent of row order, which the two
 * databases' collations need not share.
 */
public final class WorkspaceCopy {
    private static final String HISTORY = "flyway_schema_history";
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    /** One table as copied: its rows and checksum (the same on both sides, or the copy was rolled back). */
    public record TableCopy(String table, long rows, String checksum) {
    }

    /** What was copied, table by table in copy order. */
    public record Result(List<TableCopy> tables) {
        public long rows() {
            return tables.stream().mapToLong(TableCopy::rows).sum();
        }
    }

    private WorkspaceCopy() {
    }

    /**
     * Copies {@code source} (a folder's own H2 workspace) into {@code target}, which must be empty.
     *
     * @throws PatchbayException a refusal (the source is not an H2 workspace, the target is not empty) or a failure,
     *                           in one line; the target then holds no row of the source
     */
    public static Result copy(Workspace source, TeamDatabase target, String actor) {
        Database from = source.database();
        if (!from.isH2()) {
            throw new PatchbayException("workspace migrate copies a folder's own H2 workspace; this one is already on "
                    + from.url());
        }
        moveFilesIntoDatabase(source, actor);
        try (Database to = new Database(target.url(), null, target.password(), null)) {
            Workspace.migrate(to, Workspace.MIGRATIONS);
            try (Connection in = from.connect(); Connection out = to.connect()) {
                return copy(in, out, target);
            } catch (SQLException e) {
                throw new PatchbayException("workspace migrate: " + firstLine(e) + "; nothing was copied, " + target
                        + " holds only the empty schema", e);
            }
        }
    }

    /** Kits only in {@code kits/} and signers only in {@code trust/} go into the source's database first. */
    private static void moveFilesIntoDatabase(Workspace source, String actor) {
        for (Release release : source.releases().list()) {
            if (source.kits().contains(release.kitSha256())) {
                continue;
            }
            Path file = source.kitsDir().resolve(release.kitFile());
            try {
                if (!Files.isRegularFile(file) || !FileHashes.sha256(file).equals(release.kitSha256())) {
                    throw new PatchbayException("workspace migrate: the kit of " + release.title() + " is neither in"
                            + " the database nor in " + file + " (with SHA-256 " + release.kitSha256() + ")");
                }
                try (InputStream in = Files.newInputStream(file)) {
                    source.kits().put(in);
                }
            } catch (IOException e) {
                throw new PatchbayException("workspace migrate: cannot read the kit " + file + ": " + e.getMessage(), e);
            }
        }
        source.trustedSigners().storeFolder(actor);
    }

    private static Result copy(Connection in, Connection out, TeamDatabase target) throws SQLException {
        // One snapshot of the source: a worker still writing to it cannot make the copy inconsistent.
        in.setAutoCommit(false);
        in.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        in.setReadOnly(true);
        // H2 streams a lazy query's rows instead of gathering the whole result first: kit chunks are a MiB each.
        setLazy(in, true);
        out.setAutoCommit(false);
        try {
            List<String> tables = tablesInCopyOrder(out);
            requireSameTables(in, tables);
            requireEmpty(out, tables, target);
            List<TableCopy> copied = new ArrayList<>();
            for (String table : tables) {
                copied.add(copyTable(in, out, table));
            }
            restartIdentities(out, tables);
            for (TableCopy t : copied) {
                Digest back = digest(out, t.table(), columns(in, t.table()));
                if (back.rows != t.rows() || !back.hex().equals(t.checksum())) {
                    throw new SQLException("table " + t.table() + " differs after the copy: " + t.rows() + " rows with "
                            + "checksum " + t.checksum() + " in the workspace, " + back.rows + " with " + back.hex()
                            + " in the target");
                }
            }
            out.commit();
            return new Result(copied);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(out, e);
            throw e;
        } finally {
            setLazy(in, false);
            in.rollback();
            in.setReadOnly(false);
            in.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            in.setAutoCommit(true);
        }
    }

    /** The target's tables, parents before children (by their foreign keys), ties by name. */
    private static List<String> tablesInCopyOrder(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        Map<String, Set<String>> parents = new TreeMap<>();
        try (ResultSet r = meta.getTables(null, schema, "%", new String[]{"TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals(HISTORY)) {
                    parents.put(name, new TreeSet<>());
                }
            }
        }
        for (Map.Entry<String, Set<String>> t : parents.entrySet()) {
            try (ResultSet r = meta.getImportedKeys(null, schema, t.getKey())) {
                while (r.next()) {
                    String parent = r.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(t.getKey())) {
                        t.getValue().add(parent);
                    }
                }
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < parents.size()) {
            String next = parents.entrySet().stream()
                    .filter(t -> !order.contains(t.getKey()) && order.containsAll(t.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new SQLException("the schema's foreign keys form a cycle"));
            order.add(next);
        }
        return order;
    }

    private static void requireSameTables(Connection in, List<String> tables) throws SQLException {
        Set<String> source = new TreeSet<>();
        try (ResultSet r = in.getMetaData().getTables(null, in.getSchema(), "%", new String[]{"TABLE", "BASE TABLE"})) {
            while (r.next()) {
                source.add(r.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        source.remove(HISTORY);
        if (!source.equals(new TreeSet<>(tables))) {
            throw new PatchbayException("workspace migrate: the workspace's tables " + source
                    + " are not the team database's " + new TreeSet<>(tables) + " (is one of them from another version?)");
        }
    }

    private static void requireEmpty(Connection out, List<String> tables, TeamDatabase target) throws SQLException {
        for (String table : tables) {
            long rows = count(out, table);
            if (rows > 0) {
                throw new PatchbayException("the team database " + target + " is not empty (table " + table + " has "
                        + rows + " rows): workspace migrate copies only into an empty database");
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** What a column holds, as the source (H2) declares it: decides how it is read, written and checksummed. */
    private enum Kind { LONG, BOOLEAN, DOUBLE, INSTANT, BYTES, TEXT }

    private record Column(String name, Kind kind) {
    }

    private static List<Column> columns(Connection in, String table) throws SQLException {
        try (Statement s = in.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = r.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new Column(meta.getColumnName(i).toLowerCase(Locale.ROOT), kind(meta.getColumnType(i),
                        table + "." + meta.getColumnName(i))));
            }
            return columns;
        }
    }

    private static Kind kind(int type, String column) throws SQLException {
        return switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.LONG;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Kind.DOUBLE;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.INSTANT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BYTES;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR -> Kind.TEXT;
            default -> throw new SQLException("column " + column + " has a type the copy does not know (" + type + ")");
        };
    }

    private static TableCopy copyTable(Connection in, Connection out, String table) throws SQLException {
        List<Column> columns = columns(in, table);
        String names = String.join(", ", columns.stream().map(Column::name).toList());
        String marks = String.join(", ", columns.stream().map(col -> "?").toList());
        boolean bulky = columns.stream().anyMatch(col -> col.kind() == Kind.BYTES);
        // Kit chunks are a MiB each: a few per batch keeps a 1 GiB kit out of memory.
        int batch = bulky ? 4 : 500;
        Digest digest = new Digest();
        try (Statement select = in.createStatement();
             PreparedStatement insert = out.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
            select.setFetchSize(bulky ? 4 : 500);
            try (ResultSet r = select.executeQuery("SELECT " + names + " FROM " + table)) {
                int pending = 0;
                while (r.next()) {
                    Object[] row = read(r, columns);
                    digest.add(row, columns);
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i], sqlType(columns.get(i).kind()));
                    }
                    insert.addBatch();
                    if (++pending == batch) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        }
        return new TableCopy(table, digest.rows, digest.hex());
    }

    private static int sqlType(Kind kind) {
        return switch (kind) {
            case LONG -> Types.BIGINT;
            case BOOLEAN -> Types.BOOLEAN;
            case DOUBLE -> Types.DOUBLE;
            case INSTANT -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BYTES -> Types.BINARY;
            case TEXT -> Types.VARCHAR;
        };
    }

    private static Object[] read(ResultSet r, List<Column> columns) throws SQLException {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            int at = i + 1;
            Object value = switch (columns.get(i).kind()) {
                case LONG -> r.getLong(at);
                case BOOLEAN -> r.getBoolean(at);
                case DOUBLE -> r.getDouble(at);
                case INSTANT -> r.getObject(at, OffsetDateTime.class);
                case BYTES -> r.getBytes(at);
                case TEXT -> r.getString(at);
            };
            row[i] = r.wasNull() ? null : value;
        }
        return row;
    }

    private static Digest digest(Connection c, String table, List<Column> columns) throws SQLException {
        Digest digest = new Digest();
        boolean bulky = columns.stream().anyMatch(col -> col.kind() == Kind.BYTES);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(bulky ? 4 : 500);
            try (ResultSet r = s.executeQuery("SELECT " + String.join(", ", columns.stream().map(Column::name).toList())
                    + " FROM " + table)) {
                while (r.next()) {
                    digest.add(read(r, columns), columns);
                }
            }
        }
        return digest;
    }

    /**
     * Identity columns were written with the source's ids; each continues after the highest one, or the next row
     * a team member adds would collide. {@code ALTER ... RESTART WITH} is standard SQL (PostgreSQL and H2).
     */
    private static void restartIdentities(Connection out, List<String> tables) throws SQLException {
        Map<String, String> identities = new LinkedHashMap<>();
        try (PreparedStatement s = out.prepareStatement("SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND is_identity = 'YES'");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                identities.put(r.getString(1).toLowerCase(Locale.ROOT), r.getString(2).toLowerCase(Locale.ROOT));
            }
        }
        for (String table : tables) {
            String column = identities.get(table);
            if (column == null) {
                continue;
            }
            long next;
            try (Statement s = out.createStatement();
                 ResultSet r = s.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table)) {
                r.next();
                next = r.getLong(1);
            }
            try (Statement s = out.createStatement()) {
                s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
            }
        }
    }

    /** Rows counted and their canonical SHA-256 summed modulo 2^256. */
    private static final class Digest {
        private long rows;
        private BigInteger sum = BigInteger.ZERO;

        void add(Object[] row, List<Column> columns) {
            MessageDigest sha = FileHashes.newSha256();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    sha.update((byte) 0);
                    continue;
                }
                sha.update((byte) 1);
                byte[] bytes = switch (columns.get(i).kind()) {
                    case BYTES -> (byte[]) v;
                    case INSTANT -> ((OffsetDateTime) v).toInstant().toString().getBytes(StandardCharsets.UTF_8);
                    case BOOLEAN -> ((Boolean) v) ? new byte[]{'t'} : new byte[]{'f'};
                    default -> v.toString().getBytes(StandardCharsets.UTF_8);
                };
                sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                sha.update(bytes);
            }
            sum = sum.add(new BigInteger(1, sha.digest())).mod(MODULUS);
            rows++;
        }

        String hex() {
            byte[] raw = sum.toByteArray();
            byte[] fixed = new byte[32];
            int n = Math.min(raw.length, 32);
            System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
            return HexFormat.of().formatHex(fixed);
        }
    }

    private static void setLazy(Connection h2, boolean lazy) throws SQLException {
        try (Statement s = h2.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + lazy);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
