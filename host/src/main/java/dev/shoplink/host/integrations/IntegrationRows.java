package dev.shoplink.host.integrations;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * What changing an integration's shop URL and disconnecting it do to the tables other features own, as ports: each
 * is implemented by the repository that owns its table ({@code docs/ARCHITECTURE.md}, "Table owners") and called
 * with the integration's {@link Handle}, inside the integration's transaction. Ports, not calls into those features:
 * listings, orders and sync depend on integrations, so integrations calling them would close a cycle.
 *
 * @param listings the {@code listing} table's owner
 * @param orders the {@code shop_order} table's owner
 * @param syncs the {@code sync_run} table's owner
 */
public record IntegrationRows(ListingRows listings, OrderRows orders, SyncRuns syncs) {

    /** Rows stored per shop key, which move when an integration's shop URL names another key. */
    public interface ShopRows {
        /** Rows stored under the shop key, by any integration, connected or not. */
        long countOfShop(Handle h, String shopKey);

        /** Moves every row of the old shop key to the new one. */
        void moveToShopKey(Handle h, String oldKey, String newKey);

        /** Deletes the integration's rows (a disconnect with purge); how many. */
        int purge(Handle h, long integrationId);
    }

    /** The {@code listing} table. */
    public interface ListingRows extends ShopRows {
        /** A disconnect keeps the listings but marks them inactive; how many changed. */
        int deactivate(Handle h, long integrationId);
    }

    /** The {@code shop_order} table. */
    public interface OrderRows extends ShopRows {
        /** A disconnect may archive the integration's orders still {@code RECEIVED}; how many. */
        int archiveOpen(Handle h, long integrationId, Instant at);
    }

    /** The {@code sync_run} table. */
    public interface SyncRuns {
        /** Whether a run of the integration is queued, running or waiting (it holds the shop key it started with). */
        boolean anyActive(Handle h, long integrationId);

        /** Ends the integration's queued, running and waiting runs as failed with {@code reason}; how many. */
        int stopActive(Handle h, long integrationId, Instant at, String reason);
    }
}
