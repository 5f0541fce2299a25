package dev.shoplink.host.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of products and variants. Methods take the caller's handle; services own transactions. */
public final class CatalogRepository {

    public static String nameKey(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public Optional<Product> find(Handle h, long id) {
        List<Product> found = load(h, h.createQuery("select id, name, type, profile_group, notes from product where id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).list());
        return found.stream().findFirst();
    }

    public Optional<Product> findByName(Handle h, String name) {
        List<Product> found = load(h, h.createQuery("select id, name, type, profile_group, notes from product where name_key = :k")
                .bind("k", nameKey(name)).map((rs, ctx) -> row(rs)).list());
        return found.stream().findFirst();
    }

    /** Products whose name contains {@code q}: exact match first, then prefix, then contains; alphabetical within. */
    public List<Product> search(Handle h, String q, long offset, int limit) {
        String key = nameKey(q);
        return load(h, h.createQuery("select id, name, type, profile_group, notes from product"
                        + " where name_key like :contains escape '!'"
                        + " order by case when name_key = :key then 0 when name_key like :prefix escape '!' then 1 else 2 end, name_key, id"
                        + " offset :offset rows fetch next :limit rows only")
                .bind("key", key).bind("prefix", escapeLike(key) + "%").bind("contains", "%" + escapeLike(key) + "%")
                .bind("offset", offset).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list());
    }

    public long count(Handle h, String q) {
        return h.createQuery("select count(*) from product where name_key like :contains escape '!'")
                .bind("contains", "%" + escapeLike(nameKey(q)) + "%").mapTo(Long.class).one();
    }

    public long insert(Handle h, String name, Optional<String> type, Optional<String> profileGroup, Optional<String> notes, Instant now) {
        return h.createUpdate("insert into product (name, name_key, type, profile_group, notes, created_at)"
                        + " values (:name, :key, :type, :pg, :notes, :at)")
                .bind("name", name.strip()).bind("key", nameKey(name)).bind("type", type.orElse(null))
                .bind("pg", profileGroup.orElse(null)).bind("notes", notes.orElse(null))
                .bind("at", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public void update(Handle h, Product p) {
        h.createUpdate("update product set name = :name, name_key = :key, type = :type, profile_group = :pg, notes = :notes where id = :id")
                .bind("name", p.name()).bind("key", nameKey(p.name())).bind("type", p.type().orElse(null))
                .bind("pg", p.profileGroup().orElse(null)).bind("notes", p.notes().orElse(null)).bind("id", p.id())
                .execute();
    }

    public boolean nameTaken(Handle h, String name, long exceptId) {
        return h.createQuery("select count(*) from product where name_key = :k and id <> :id")
                .bind("k", nameKey(name)).bind("id", exceptId).mapTo(Long.class).one() > 0;
    }

    /** Deletes the product (its variants go with it). */
    public void delete(Handle h, long id) {
        h.createUpdate("delete from product where id = :id").bind("id", id).execute();
    }

    public Optional<Variant> variantBySku(Handle h, String sku) {
        return h.createQuery("select id, product_id, sku, unit, grind_style from product_variant where sku = :sku")
                .bind("sku", sku)
                .map((rs, ctx) -> new Variant(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .findOne();
    }

    public Optional<Variant> variant(Handle h, long id) {
        return h.createQuery("select id, product_id, sku, unit, grind_style from product_variant where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Variant(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .findOne();
    }

    public void updateVariant(Handle h, long id, String unit, String grindStyle) {
        h.createUpdate("update product_variant set unit = :unit, grind_style = :grind where id = :id")
                .bind("unit", unit).bind("grind", grindStyle).bind("id", id).execute();
    }

    public void deleteVariant(Handle h, long id) {
        h.createUpdate("delete from product_variant where id = :id").bind("id", id).execute();
    }

    public long insertVariant(Handle h, long productId, String sku, String unit, String grindStyle) {
        return h.createUpdate("insert into product_variant (product_id, sku, unit, grind_style) values (:p, :sku, :unit, :grind)")
                .bind("p", productId).bind("sku", sku).bind("unit", unit).bind("grind", grindStyle)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Product row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Product(rs.getLong("id"), rs.getString("name"), Optional.ofNullable(rs.getString("type")),
                Optional.ofNullable(rs.getString("profile_group")), Optional.ofNullable(rs.getString("notes")), List.of());
    }

    private static List<Product> load(Handle h, List<Product> products) {
        if (products.isEmpty()) {
            return products;
        }
        Map<Long, List<Variant>> variants = new LinkedHashMap<>();
        products.forEach(p -> variants.put(p.id(), new ArrayList<>()));
        h.createQuery("select id, product_id, sku, unit, grind_style from product_variant where product_id in (<ids>) order by sku")
                .bindList("ids", new ArrayList<>(variants.keySet()))
                .map((rs, ctx) -> new Variant(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .forEach(v -> variants.get(v.productId()).add(v));
        return products.stream().map(p -> new Product(p.id(), p.name(), p.type(), p.profileGroup(), p.notes(),
                List.copyOf(variants.get(p.id())))).toList();
    }
}
