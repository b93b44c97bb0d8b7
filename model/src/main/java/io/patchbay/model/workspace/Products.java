package io.patchbay.model.workspace;

import io.patchbay.model.kit.ProductNames;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Products; a product is added the first time one of its releases is. */
public final class Products {
    private final Database db;

    Products(Database db) {
        this.db = db;
    }

    public Optional<Product> find(String name) {
        return db.read("find product " + name, c -> find(c, name));
    }

    public List<Product> list() {
        return db.read("list products", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, added_at FROM product ORDER BY name");
                 ResultSet r = s.executeQuery()) {
                List<Product> products = new ArrayList<>();
                while (r.next()) {
                    products.add(row(r));
                }
                return products;
            }
        });
    }

    static Optional<Product> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, added_at FROM product WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /** The product called {@code name}, added (with its event) if this is its first release. */
    static Product findOrAdd(Connection c, String name, Instant now, String actor) throws SQLException {
        ProductNames.check(name);
        Optional<Product> existing = find(c, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO product (name, added_at) VALUES (?, ?)",
                new String[]{"id"})) {
            s.setString(1, name);
            Sql.setInstant(s, 2, now);
            s.executeUpdate();
            Events.append(c, now, actor, EventKind.PRODUCT_ADDED, name, null);
            return new Product(Sql.generatedId(s), name, now);
        }
    }

    private static Product row(ResultSet r) throws SQLException {
        return new Product(r.getLong("id"), r.getString("name"), Sql.instant(r, "added_at"));
    }
}
