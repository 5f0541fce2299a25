package dev.shoplink.host.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.domain.WarningsToAcknowledgeException;
import dev.shoplink.host.testing.MigratedDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status changes and the manual archive without HTTP, on orders imported into the migrated schema. */
class OrderServiceTest {
    static final String SHOP = "shipstation:orders.example.com";
    static final Instant PLACED = Instant.parse("2026-11-20T17:02:11Z");

    @TempDir
    Path dir;
    MigratedDatabase db;
    OrderService orders;
    long integrationId;

    @BeforeEach
    void open() {
        db = new MigratedDatabase(dir);
        orders = new OrderService(db.jdbi(), db.config(), Clock.fixed(PLACED.plusSeconds(3600), ZoneOffset.UTC));
        integrationId = db.integration(SHOP);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Imports one order as a sync would; returns its id. */
    long imported(String externalId, OrderState state) {
        ShopOrder order = new ShopOrder(externalId, "R-" + externalId, PLACED, PLACED, "awaiting_shipment", state,
                new Customer("Ada Okafor", "ada@example.com", new Address("1 Main St", "Portland", "OR", "97201", "US", "")),
                List.of(new OrderLine(externalId + "-0", "L0", "ETH-250", "Ethiopia 250 g", 1, new BigDecimal("12.50"))));
        db.jdbi().useTransaction(h -> new OrderRepository().upsert(h, integrationId, SHOP, List.of(order), PLACED));
        return orders.page(Optional.of(integrationId), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("R-" + externalId), false, new Paging(1, 10), Optional.empty(), "/api/v1/orders")
                .items().get(0).id();
    }

    @Test
    void aStatusChangeMovesTheOrderAndIsRecordedInItsHistory() {
        long id = imported("1", OrderState.PROCESSING);

        OrderView changed = orders.patch(id, new StatusUpdate(OrderStatus.IN_PROGRESS, false));

        assertThat(changed.status()).isEqualTo(OrderStatus.IN_PROGRESS);
        assertThat(orders.get(id).history()).isNotEmpty();
        // the import's entry, then this change (an order just imported already has one entry)
        assertThat(orders.get(id).history()).extracting(OrderView.StatusChange::from, OrderView.StatusChange::to)
                .containsExactly(tuple(Optional.empty(), OrderStatus.RECEIVED),
                        tuple(Optional.of(OrderStatus.RECEIVED), OrderStatus.IN_PROGRESS));
    }

    @Test
    void archivingIsNotAStatusChange() {
        long id = imported("2", OrderState.PROCESSING);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> orders.patch(id, new StatusUpdate(OrderStatus.ARCHIVED, false)));

        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("status");
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.RECEIVED);
    }

    @Test
    void aCompletedOrderCannotGoBack() {
        long id = imported("3", OrderState.PROCESSING);
        orders.patch(id, new StatusUpdate(OrderStatus.IN_PROGRESS, false));
        orders.patch(id, new StatusUpdate(OrderStatus.COMPLETED, false));

        ConflictException refused = catchThrowableOfType(ConflictException.class,
                () -> orders.patch(id, new StatusUpdate(OrderStatus.RECEIVED, false)));

        assertThat(refused.kind()).isEqualTo("order-status-transition");
        assertThat(refused.getMessage()).contains("is COMPLETED and cannot become RECEIVED");
    }

    @Test
    void anUnpaidOrderNeedsTheWarningAcknowledged() {
        long id = imported("4", OrderState.PENDING);

        WarningsToAcknowledgeException warned = catchThrowableOfType(WarningsToAcknowledgeException.class,
                () -> orders.patch(id, new StatusUpdate(OrderStatus.IN_PROGRESS, false)));
        assertThat(warned.warnings()).containsExactly(new FieldError("status", ShopStateRule.AWAITING_PAYMENT.detail()));
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.RECEIVED);

        assertThat(orders.patch(id, new StatusUpdate(OrderStatus.IN_PROGRESS, true)).status()).isEqualTo(OrderStatus.IN_PROGRESS);
    }

    @Test
    void archivesNamedOrdersAndOrdersPlacedBeforeADay() {
        long first = imported("5", OrderState.PROCESSING);
        imported("6", OrderState.PROCESSING);

        assertThat(orders.archive(new ArchiveOrders.ByIds(List.of(first)))).isEqualTo(1);
        assertThat(orders.get(first).status()).isEqualTo(OrderStatus.ARCHIVED);
        assertThat(orders.archive(new ArchiveOrders.OrderedBefore(integrationId, LocalDate.of(2026, 11, 20)))).isZero();
        assertThat(orders.archive(new ArchiveOrders.OrderedBefore(integrationId, LocalDate.of(2026, 11, 21)))).isEqualTo(1);
    }

    @Test
    void archivingNothingOrAnUnknownIntegrationIsInvalidInput() {
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> orders.archive(new ArchiveOrders.ByIds(List.of())))
                .errors()).extracting(FieldError::field).containsExactly("ids");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> orders.archive(
                new ArchiveOrders.OrderedBefore(999_999, LocalDate.of(2026, 11, 21)))).errors())
                .containsExactly(new FieldError("integrationId", "no integration 999999"));
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThat(catchThrowableOfType(NotFoundException.class,
                () -> orders.patch(999_999, new StatusUpdate(OrderStatus.IN_PROGRESS, false)))).hasMessage("no order 999999");
    }
}
