package dev.shoplink.host.plugins.broken;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import java.util.List;
import java.util.Optional;

/** A connector that cannot say who it is. */
public class ThrowingDescriptorConnector implements ShopConnector {

    @Override
    public ConnectorDescriptor descriptor() {
        throw new IllegalStateException("the descriptor table was not initialised");
    }

    @Override
    public void validate(Connection connection) {
    }

    @Override
    public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
        return Page.last(List.of());
    }

    @Override
    public Optional<Listing> listing(Connection connection, String externalId) {
        return Optional.empty();
    }

    @Override
    public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
        return Page.last(List.of());
    }
}
