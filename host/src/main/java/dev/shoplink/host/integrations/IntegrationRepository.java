package dev.shoplink.host.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL of the integration aggregate, the one writer of the {@code integration} table. Methods take the caller's
 * {@link Handle}: the service owns transactions.
 */
public final class IntegrationRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, connector, name, customer_type, shop_url, shop_key, credentials,"
            + " credentials_masked, sync_start_date, sync_start_date_locked, status, status_detail, last_sync_at,"
            + " orders_watermark, created_at, disconnected_at";

    /** Counts shown in the overview. */
    public record Counts(long listingsNew, long listingsMapped, long listingsIgnored, long orders) {
    }

    public Optional<Integration> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from integration where id = :id")
                .bind("id", id).map(IntegrationRepository::map).findOne();
    }

    /** Locks the row until the transaction ends, so concurrent changes to one integration serialize. */
    public Optional<Integration> lock(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from integration where id = :id for update")
                .bind("id", id).map(IntegrationRepository::map).findOne();
    }

    public List<Integration> list(Handle h, boolean includeDisconnected) {
        return h.createQuery("select " + COLUMNS + " from integration"
                        + (includeDisconnected ? "" : " where disconnected_at is null") + " order by id")
                .map(IntegrationRepository::map).list();
    }

    public boolean activeNameTaken(Handle h, String name, long exceptId) {
        return h.createQuery("select count(*) from integration where disconnected_at is null and lower(name) = lower(:n) and id <> :id")
                .bind("n", name).bind("id", exceptId).mapTo(Long.class).one() > 0;
    }

    public Optional<String> activeWithShop(Handle h, String shopKey, long exceptId) {
        return h.createQuery("select name from integration where disconnected_at is null and shop_key = :k and id <> :id")
                .bind("k", shopKey).bind("id", exceptId).mapTo(String.class).findFirst();
    }

    public long insert(Handle h, Integration i) {
        return h.createUpdate("insert into integration (connector, name, customer_type, shop_url, shop_key, credentials,"
                        + " credentials_masked, sync_start_date, sync_start_date_locked, status, created_at)"
                        + " values (:connector, :name, :type, :url, :key, '', :masked, :start, false, :status, :created)")
                .bind("connector", i.connector()).bind("name", i.name()).bind("type", i.customerType().name())
                .bind("url", i.shop().url()).bind("key", i.shop().key()).bind("masked", json(i.credentials().masked()))
                .bind("start", i.sync().startDate()).bind("status", i.status().name()).bind("created", i.createdAt())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Records the integration a switch replaced with this one. */
    public void switchedFrom(Handle h, long id, long predecessorId) {
        h.createUpdate("update integration set switched_from = :p where id = :id").bind("p", predecessorId).bind("id", id).execute();
    }

    public void updateCredentials(Handle h, long id, String encrypted, Map<String, String> masked) {
        h.createUpdate("update integration set credentials = :c, credentials_masked = :m where id = :id")
                .bind("c", encrypted).bind("m", json(masked)).bind("id", id).execute();
    }

    public void updateDetails(Handle h, long id, String name, CustomerType type, String shopUrl, String shopKey, LocalDate start) {
        h.createUpdate("update integration set name = :n, customer_type = :t, shop_url = :u, shop_key = :k,"
                        + " sync_start_date = :s where id = :id")
                .bind("n", name).bind("t", type.name()).bind("u", shopUrl).bind("k", shopKey).bind("s", start)
                .bind("id", id).execute();
    }

    public void updateStatus(Handle h, long id, IntegrationStatus status, String detail) {
        h.createUpdate("update integration set status = :s, status_detail = :d where id = :id and disconnected_at is null")
                .bind("s", status.name()).bind("d", detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000))
                .bind("id", id).execute();
    }

    public void lockStartDate(Handle h, long id) {
        h.createUpdate("update integration set sync_start_date_locked = true where id = :id").bind("id", id).execute();
    }

    public void syncFinished(Handle h, long id, Instant at) {
        h.createUpdate("update integration set last_sync_at = :at where id = :id")
                .bind("at", at).bind("id", id).execute();
    }

    /** Moves the order watermark forward only: a slow older run never rewinds it. */
    public void advanceOrdersWatermark(Handle h, long id, Instant watermark) {
        h.createUpdate("update integration set orders_watermark = :w where id = :id"
                        + " and (orders_watermark is null or orders_watermark < :w)")
                .bind("w", watermark).bind("id", id).execute();
    }

    public Counts counts(Handle h, long id) {
        return h.createQuery("select"
                        + " (select count(*) from listing where integration_id = :id and state = 'NEW' and offered and active) as n,"
                        + " (select count(*) from listing where integration_id = :id and state = 'MAPPED') as m,"
                        + " (select count(*) from listing where integration_id = :id and state = 'IGNORED') as i,"
                        + " (select count(*) from shop_order where integration_id = :id) as o")
                .bind("id", id)
                .map((rs, ctx) -> new Counts(rs.getLong("n"), rs.getLong("m"), rs.getLong("i"), rs.getLong("o")))
                .one();
    }

    /** What a disconnect changed. */
    public record DisconnectResult(int syncsStopped, int listingsDeactivated, int ordersArchived, int listingsPurged, int ordersPurged) {
    }

    /** Marks the integration disconnected and forgets its credentials (the rest of a disconnect is in the other tables' owners). */
    public void disconnect(Handle h, long id, Instant now) {
        h.createUpdate("update integration set credentials = null, credentials_masked = null, status = 'DISCONNECTED', status_detail = null,"
                        + " disconnected_at = :at where id = :id")
                .bind("id", id).bind("at", now).execute();
    }

    /** Integration id → encrypted credentials, for every integration that holds some (a key rotation). */
    public Map<Long, String> encryptedCredentials(Handle h) {
        Map<Long, String> out = new TreeMap<>();
        h.createQuery("select id, credentials from integration where credentials is not null and credentials <> ''")
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("credentials")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void replaceEncryptedCredentials(Handle h, long id, String encrypted) {
        h.createUpdate("update integration set credentials = :c where id = :id").bind("c", encrypted).bind("id", id).execute();
    }

    public boolean anyEncryptedCredentials(Handle h) {
        return h.createQuery("select count(*) from integration where credentials is not null and credentials <> ''")
                .mapTo(Long.class).one() > 0;
    }

    private static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Integration map(ResultSet rs, StatementContext ctx) throws SQLException {
        Map<String, String> masked;
        try {
            String raw = rs.getString("credentials_masked");
            masked = raw == null ? Map.of() : JSON.readValue(raw, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            masked = Map.of();
        }
        String creds = rs.getString("credentials");
        return new Integration(
                rs.getLong("id"),
                rs.getString("connector"),
                rs.getString("name"),
                CustomerType.valueOf(rs.getString("customer_type")),
                new Integration.Shop(rs.getString("shop_url"), rs.getString("shop_key")),
                new Integration.Credentials(creds == null || creds.isEmpty() ? Optional.empty() : Optional.of(creds), masked),
                new Integration.SyncWindow(rs.getObject("sync_start_date", LocalDate.class),
                        rs.getBoolean("sync_start_date_locked"), instant(rs, "last_sync_at"), instant(rs, "orders_watermark")),
                IntegrationStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("status_detail")),
                instant(rs, "created_at").orElseThrow(),
                instant(rs, "disconnected_at"));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }
}
