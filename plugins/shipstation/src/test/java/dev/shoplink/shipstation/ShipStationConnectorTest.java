package dev.shoplink.shipstation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.shoplink.shipstation.FakeShipStation.GOOD_AUTHORIZATION;
import static dev.shoplink.shipstation.FakeShipStation.SPECIFIC;
import static dev.shoplink.shipstation.FakeShipStation.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shoplink.api.Address;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShipStationConnectorTest {
    private static FakeShipStation shipStation;
    private static WireMockServer server;

    private ShipStationConnector connector;

    @BeforeAll
    static void start() {
        shipStation = new FakeShipStation();
        server = shipStation.server;
    }

    @AfterAll
    static void stop() {
        shipStation.close();
    }

    @BeforeEach
    void freshAccountAndConnector() {
        shipStation.reset();
        shipStation.clock.advance(Duration.ofHours(1));
        connector = new ShipStationConnector(ShipStationClient.withOwnPacing());
    }

    private Connection connection() {
        return shipStation.connection();
    }

    private static void stubPage(String path, int page, String body) {
        server.stubFor(get(urlPathEqualTo(path)).atPriority(SPECIFIC)
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .willReturn(okJson(body)));
    }

    private static void stubAll(String path, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(path)).atPriority(SPECIFIC).willReturn(response));
    }

    private static List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    @Nested
    class Descriptor {
        @Test
        void describesTheShipStationCredentialForm() {
            ConnectorDescriptor descriptor = connector.descriptor();

            assertThat(descriptor.id()).isEqualTo("shipstation");
            assertThat(descriptor.name()).isEqualTo("ShipStation");
            assertThat(descriptor.defaultBaseUrl()).isEqualTo(URI.create("https://ssapi.shipstation.com"));
            assertThat(descriptor.credentialFields()).containsExactly(
                    new CredentialField("apiKey", "API key", true, true),
                    new CredentialField("apiSecret", "API secret", true, true));
        }
    }

    @Nested
    class Validate {
        @Test
        void callsListTagsWithBasicAuthenticationFromKeyAndSecret() {
            connector.validate(connection());

            server.verify(1, getRequestedFor(urlPathEqualTo("/accounts/listtags"))
                    .withHeader("Authorization", equalTo("Basic U2hpcFN0YXRpb246Um9ja3M="))
                    .withHeader("Accept", equalTo("application/json")));
            assertThat(requests()).hasSize(1);
        }

        @Test
        void keepsAPathPrefixOfTheBaseUrl() {
            server.stubFor(get(urlPathEqualTo("/proxy/ssapi/accounts/listtags")).atPriority(SPECIFIC).willReturn(okJson("[]")));
            Connection behindProxy = new Connection(connection().credentials(), URI.create(server.baseUrl() + "/proxy/ssapi/"),
                    shipStation.clock, Duration.ofSeconds(5));

            connector.validate(behindProxy);

            server.verify(1, getRequestedFor(urlPathEqualTo("/proxy/ssapi/accounts/listtags")));
        }

        @Test
        void wrongKeyOrSecretIsInvalidCredentials() {
            InvalidCredentialsException e = catchThrowableOfType(InvalidCredentialsException.class,
                    () -> connector.validate(shipStation.connection("ShipStation", "Wrong-Secret-42")));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("401").doesNotContain("Wrong-Secret-42").doesNotContain("U2hpcFN0");
            assertThat(e.retryable()).isFalse();
        }

        @Test
        void missingCredentialsAreRejectedWithoutARequest() {
            assertThatThrownBy(() -> connector.validate(shipStation.connection("ShipStation", " ")))
                    .isInstanceOf(InvalidCredentialsException.class);
            assertThat(requests()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {402, 403})
        void aPlanWithoutApiAccessIsAccessDeniedAndNamesTheScalePlan(int status) {
            stubAll("/accounts/listtags", aResponse().withStatus(status).withBody("Payment Required"));

            ApiAccessDeniedException e = catchThrowableOfType(ApiAccessDeniedException.class, () -> connector.validate(connection()));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("\"Scale\" plan").contains(Integer.toString(status)).doesNotContain("Rocks");
            assertThat(e.retryable()).isFalse();
        }

        @Test
        void serverErrorIsUnavailable() {
            stubAll("/accounts/listtags", aResponse().withStatus(500).withBody("{\"Message\":\"An error has occurred.\"}"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(ShopUnavailableException.class)
                    .hasMessageContaining("HTTP 500")
                    .hasMessageContaining("GET /accounts/listtags")
                    .satisfies(e -> assertThat(((ShopUnavailableException) e).retryable()).isTrue());
        }

        @Test
        void aSlowAnswerTimesOutAsUnavailable() {
            stubAll("/accounts/listtags", okJson("[]").withFixedDelay(3_000));
            long started = System.nanoTime();

            assertThatThrownBy(() -> connector.validate(shipStation.connection(Duration.ofMillis(300))))
                    .isInstanceOf(ShopUnavailableException.class)
                    .hasMessageContaining("did not answer GET /accounts/listtags within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        }

        @Test
        void aRefusedConnectionIsUnavailable() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            Connection nowhere = new Connection(connection().credentials(), URI.create("http://127.0.0.1:" + closedPort),
                    shipStation.clock, Duration.ofSeconds(2));

            assertThatThrownBy(() -> connector.validate(nowhere))
                    .isInstanceOf(ShopUnavailableException.class)
                    .hasMessageContaining("could not connect to ShipStation at http://127.0.0.1:" + closedPort)
                    .hasMessageNotContaining("Rocks");
        }

        @Test
        void aDroppedConnectionIsUnavailable() {
            stubAll("/accounts/listtags", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(ShopUnavailableException.class)
                    .hasMessageContaining("GET /accounts/listtags");
        }

        @Test
        void aWebPageInsteadOfJsonMeansAWrongBaseUrl() {
            stubAll("/accounts/listtags", aResponse().withStatus(200).withBody("<html><body>Welcome</body></html>"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("base URL");
        }

        @Test
        void anEmptyAnswerIsNotACredentialCheck() {
            stubAll("/accounts/listtags", aResponse().withStatus(200));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        void anUnexpectedClientErrorNamesTheEndpointAndShipStationsMessage() {
            stubAll("/accounts/listtags", aResponse().withStatus(400)
                    .withBody("{\"Message\":\"The request is invalid.\",\"echo\":\"Rocks\"}"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("HTTP 400 to GET /accounts/listtags")
                    .hasMessageContaining("The request is invalid.")
                    .hasMessageNotContaining("Rocks");
        }
    }

    @Nested
    class Listings {
        @Test
        void pagesThroughProductsOldestFirstWithTheDocumentedParameters() {
            stubPage("/products", 1, resource("products-page1.json"));
            stubPage("/products", 2, resource("products-page2.json"));

            Page<Listing> first = connector.listings(connection(), ListingQuery.everything(), Cursor.start());
            Page<Listing> second = connector.listings(connection(), ListingQuery.everything(), first.next().orElseThrow());

            assertThat(first.next()).contains(Cursor.of("2"));
            assertThat(first.totalItems()).isEqualTo(OptionalLong.of(4));
            assertThat(first.totalPages()).isEqualTo(OptionalInt.of(2));
            assertThat(second.next()).isEmpty();
            assertThat(first.items()).extracting(Listing::externalId).containsExactly("7854008", "7854009");
            assertThat(second.items()).extracting(Listing::externalId).containsExactly("7854010", "7854011");
            for (int page = 1; page <= 2; page++) {
                server.verify(1, getRequestedFor(urlPathEqualTo("/products"))
                        .withQueryParam("page", equalTo(Integer.toString(page)))
                        .withQueryParam("pageSize", equalTo("500"))
                        .withQueryParam("sortBy", equalTo("CreateDate"))
                        .withQueryParam("sortDir", equalTo("ASC"))
                        .withQueryParam("showInactive", equalTo("true"))
                        .withQueryParam("startDate", absent())
                        .withHeader("Authorization", equalTo(GOOD_AUTHORIZATION)));
            }
        }

        @Test
        void mapsAProductToAListing() {
            stubPage("/products", 1, resource("products-page1.json"));

            Listing listing = connector.listings(connection(), ListingQuery.everything(), Cursor.start()).items().get(0);

            assertThat(listing).isEqualTo(new Listing(
                    "7854008",
                    "ETH-YIRG-250-WB",
                    "Ethiopia Yirgacheffe 250 g Whole Bean",
                    "",
                    "",
                    Optional.of(new BigDecimal("14.50")),
                    true,
                    Instant.parse("2024-03-10T09:59:59Z"),
                    Instant.parse("2024-03-10T10:00:00.123Z")));
        }

        @Test
        void keepsProductsWithoutANameAndReadsPricesExactly() {
            stubPage("/products", 1, resource("products-page1.json"));
            stubPage("/products", 2, resource("products-page2.json"));

            List<Listing> page2 = connector.listings(connection(), ListingQuery.everything(), Cursor.of("2")).items();
            Listing unnamedNull = connector.listings(connection(), ListingQuery.everything(), Cursor.start()).items().get(1);

            assertThat(unnamedNull.name()).isEmpty();
            assertThat(unnamedNull.hasName()).isFalse();
            assertThat(page2).extracting(Listing::hasName).containsExactly(false, false);
            Listing emptyName = page2.get(0);
            assertThat(emptyName.price()).hasValueSatisfying(price -> assertThat(price.toPlainString()).isEqualTo("0.1"));
            assertThat(emptyName.active()).isFalse();
            assertThat(emptyName.createdAt()).isEqualTo(Instant.parse("2024-11-03T08:30:00.780Z"));
            assertThat(emptyName.modifiedAt()).isEqualTo(Instant.parse("2024-11-03T10:00:00Z"));
            Listing blankName = page2.get(1);
            assertThat(blankName.sku()).isEqualTo("GIFT-CARD-25");
            assertThat(blankName.price()).isEmpty();
            assertThat(blankName.createdAt()).isEqualTo(Instant.parse("2024-12-25T02:05:09.1234567Z"));
        }

        @Test
        void sendsCreatedSinceAsPacificStartDate() {
            ListingQuery query = new ListingQuery(Instant.parse("2024-11-03T09:30:00Z"), false);

            connector.listings(connection(), query, Cursor.start());

            server.verify(getRequestedFor(urlPathEqualTo("/products"))
                    .withQueryParam("startDate", equalTo("2024-11-03 01:30:00"))
                    .withQueryParam("showInactive", equalTo("false")));
            assertThat(requests().get(0).getUrl()).contains("startDate=2024-11-03%2001%3A30%3A00");
        }

        @Test
        void anEmptyAccountHasOneEmptyLastPage() {
            Page<Listing> page = connector.listings(connection(), ListingQuery.everything(), Cursor.start());

            assertThat(page.items()).isEmpty();
            assertThat(page.next()).isEmpty();
            assertThat(page.totalItems()).isEqualTo(OptionalLong.of(0));
            assertThat(page.totalPages()).isEqualTo(OptionalInt.of(0));
        }

        @Test
        void anEmptyPageEndsPagingEvenIfPagesSaysMore() {
            stubPage("/products", 3, "{\"products\":[],\"total\":1200,\"page\":3,\"pages\":5}");

            assertThat(connector.listings(connection(), ListingQuery.everything(), Cursor.of("3")).next()).isEmpty();
        }

        @Test
        void withoutAPageCountAFullPageAsksForTheNext() {
            StringBuilder products = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                products.append(i == 0 ? "" : ",").append("{\"productId\":").append(i + 1).append('}');
            }
            stubPage("/products", 1, "{\"products\":[" + products + "]}");

            Page<Listing> page = connector.listings(connection(), ListingQuery.everything(), Cursor.start());

            assertThat(page.items()).hasSize(500);
            assertThat(page.next()).contains(Cursor.of("2"));
            assertThat(page.totalItems()).isEmpty();
            assertThat(page.items().get(0).createdAt()).as("no dates at all").isEqualTo(Instant.EPOCH);
        }

        @Test
        void aForeignCursorIsAnError() {
            assertThatThrownBy(() -> connector.listings(connection(), ListingQuery.everything(), Cursor.of("page-two")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void fetchesOneProductById() {
            server.stubFor(get(urlPathEqualTo("/products/7854008")).atPriority(SPECIFIC).willReturn(okJson(resource("product-7854008.json"))));

            Optional<Listing> listing = connector.listing(connection(), "7854008");

            assertThat(listing).hasValueSatisfying(found -> {
                assertThat(found.externalId()).isEqualTo("7854008");
                assertThat(found.name()).isEqualTo("Ethiopia Yirgacheffe 250 g Whole Bean");
                assertThat(found.price()).contains(new BigDecimal("14.50"));
            });
            server.verify(1, getRequestedFor(urlPathEqualTo("/products/7854008")).withHeader("Authorization", equalTo(GOOD_AUTHORIZATION)));
        }

        @Test
        void anUnknownProductIsEmpty() {
            assertThat(connector.listing(connection(), "404404")).isEmpty();
            server.verify(1, getRequestedFor(urlPathEqualTo("/products/404404")));
        }

        @Test
        void anIdThatIsNotANumberIsEmptyWithoutARequest() {
            assertThat(connector.listing(connection(), "../orders")).isEmpty();
            assertThat(requests()).isEmpty();
        }
    }

    @Nested
    class Orders {
        private static final Instant PLACED_SINCE = Instant.parse("2024-03-01T08:00:00Z");

        @Test
        void pagesThroughOrdersByOrderDateSincePlacedSinceInPacificTime() {
            stubPage("/orders", 1, resource("orders-page1.json"));
            stubPage("/orders", 2, resource("orders-page2.json"));

            Page<ShopOrder> first = connector.orders(connection(), OrderQuery.placedSince(PLACED_SINCE), Cursor.start());
            Page<ShopOrder> second = connector.orders(connection(), OrderQuery.placedSince(PLACED_SINCE), first.next().orElseThrow());

            assertThat(first.items()).extracting(ShopOrder::externalId).containsExactly("987654321", "987654322");
            assertThat(second.items()).extracting(ShopOrder::externalId).containsExactly("987654323", "987654324");
            assertThat(first.next()).contains(Cursor.of("2"));
            assertThat(second.next()).isEmpty();
            assertThat(second.totalItems()).isEqualTo(OptionalLong.of(4));
            for (int page = 1; page <= 2; page++) {
                server.verify(1, getRequestedFor(urlPathEqualTo("/orders"))
                        .withQueryParam("page", equalTo(Integer.toString(page)))
                        .withQueryParam("pageSize", equalTo("500"))
                        .withQueryParam("sortBy", equalTo("OrderDate"))
                        .withQueryParam("sortDir", equalTo("ASC"))
                        .withQueryParam("orderDateStart", equalTo("2024-02-29 23:59:59"))
                        .withQueryParam("modifyDateStart", absent()));
            }
        }

        @Test
        void anIncrementalQuerySortsByModifyDateSinceTheWatermark() {
            Instant watermark = Instant.parse("2024-07-05T15:00:00.250Z");

            connector.orders(connection(), OrderQuery.modifiedSince(PLACED_SINCE, watermark), Cursor.start());

            server.verify(1, getRequestedFor(urlPathEqualTo("/orders"))
                    .withQueryParam("orderDateStart", equalTo("2024-02-29 23:59:59"))
                    .withQueryParam("modifyDateStart", equalTo("2024-07-05 08:00:00"))
                    .withQueryParam("sortBy", equalTo("ModifyDate"))
                    .withQueryParam("sortDir", equalTo("ASC")));
        }

        /** ShipStation's answer with copies of the sample order, modified at the given Pacific times. */
        private String modifiedOrders(int pages, String... modifyDates) {
            try {
                var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                var page = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(resource("orders-page1.json"));
                var template = page.get("orders").get(0);
                var orders = mapper.createArrayNode();
                for (int i = 0; i < modifyDates.length; i++) {
                    var order = template.deepCopy();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) order).put("orderId", 700 + i).put("modifyDate", modifyDates[i]);
                    orders.add(order);
                }
                page.set("orders", orders);
                page.put("pages", pages).put("total", pages * 2);
                return mapper.writeValueAsString(page);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void stubModified(String modifyDateStart, int page, String body) {
            server.stubFor(get(urlPathEqualTo("/orders")).atPriority(SPECIFIC)
                    .withQueryParam("modifyDateStart", equalTo(modifyDateStart))
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(okJson(body)));
        }

        @Test
        void anIncrementalReadGoesOnFromTheLastModificationSeenNotByPageNumber() {
            // an order modified while the host reads jumps to the end of a ModifyDate sort and the rest move up:
            // "page 2" would skip one. So the next query starts at the last modification seen (minus a second).
            OrderQuery query = OrderQuery.modifiedSince(PLACED_SINCE, Instant.parse("2024-07-05T15:00:00Z"));
            stubModified("2024-07-05 08:00:00", 1, modifiedOrders(3, "2024-07-05T08:10:00.0000000", "2024-07-05T09:30:00.5000000"));
            stubModified("2024-07-05 09:29:59", 1, modifiedOrders(1, "2024-07-05T09:30:00.5000000", "2024-07-05T10:00:00.0000000"));

            Page<ShopOrder> first = connector.orders(connection(), query, Cursor.start());
            Page<ShopOrder> second = connector.orders(connection(), query, first.next().orElseThrow());

            assertThat(first.totalPages()).isEqualTo(OptionalInt.of(3));
            assertThat(second.items()).extracting(ShopOrder::modifiedAt)
                    .containsExactly(Instant.parse("2024-07-05T16:30:00.500Z"), Instant.parse("2024-07-05T17:00:00Z"));
            assertThat(second.next()).as("the second query had one page").isEmpty();
            assertThat(second.totalPages()).as("one page read, one page of the new query").isEqualTo(OptionalInt.of(2));
            server.verify(1, getRequestedFor(urlPathEqualTo("/orders")).withQueryParam("page", equalTo("1"))
                    .withQueryParam("modifyDateStart", equalTo("2024-07-05 09:29:59")).withQueryParam("sortBy", equalTo("ModifyDate")));
            server.verify(0, getRequestedFor(urlPathEqualTo("/orders")).withQueryParam("page", equalTo("2")));
        }

        @Test
        void anOrderModifiedWhileTheHostReadsDoesNotPushTheNextOneOutOfReach() {
            // page 1 of a 2-page answer: A, B. Then A changes: the list becomes B, C, A, and "page 2" would be
            // just A, C never read. Restarting at B's modification time reads C (and A's new version); B, seen, is dropped.
            OrderQuery query = OrderQuery.modifiedSince(PLACED_SINCE, Instant.parse("2024-07-05T15:00:00Z"));
            stubModified("2024-07-05 08:00:00", 1, modifiedOrders(2, "2024-07-05T08:10:00.0000000", "2024-07-05T09:30:00.5000000"));
            stubModified("2024-07-05 09:29:59", 1, modifiedOrders(1, "2024-07-05T08:00:00.0000000", "2024-07-05T09:30:00.5000000",
                    "2024-07-05T09:45:00.0000000", "2024-07-05T09:50:00.0000000").replace("\"orderId\":700,", "\"orderId\":800,"));

            List<ShopOrder> all = new java.util.ArrayList<>();
            Cursor cursor = Cursor.start();
            for (int guard = 0; guard < 5; guard++) {
                Page<ShopOrder> page = connector.orders(connection(), query, cursor);
                all.addAll(page.items());
                if (page.next().isEmpty()) {
                    break;
                }
                cursor = page.next().get();
            }

            assertThat(all).extracting(ShopOrder::externalId).as("701 (B) once; 702 (C) and 703 read after the restart")
                    .containsExactly("700", "701", "702", "703");
        }

        @Test
        void aShopIgnoringTheModifiedFilterIsReadByPageNumberNotFromItsBeginningAgainAndAgain() {
            // every page answers regardless of modifyDateStart, and page 1 holds an order older than the query
            OrderQuery query = OrderQuery.modifiedSince(PLACED_SINCE, Instant.parse("2024-07-05T15:00:00Z"));
            server.stubFor(get(urlPathEqualTo("/orders")).atPriority(SPECIFIC).withQueryParam("page", equalTo("1"))
                    .willReturn(okJson(modifiedOrders(2, "2024-07-01T08:00:00.0000000", "2024-07-05T09:30:00.0000000"))));
            server.stubFor(get(urlPathEqualTo("/orders")).atPriority(SPECIFIC).withQueryParam("page", equalTo("2"))
                    .willReturn(okJson(modifiedOrders(2, "2024-07-05T09:40:00.0000000", "2024-07-05T09:50:00.0000000")
                            .replace("\"orderId\":700,", "\"orderId\":800,").replace("\"orderId\":701,", "\"orderId\":801,"))));

            Page<ShopOrder> first = connector.orders(connection(), query, Cursor.start());
            Page<ShopOrder> second = connector.orders(connection(), query, first.next().orElseThrow());

            assertThat(second.items()).extracting(ShopOrder::externalId).containsExactly("800", "801");
            assertThat(second.next()).isEmpty();
            server.verify(2, getRequestedFor(urlPathEqualTo("/orders")));
            server.verify(1, getRequestedFor(urlPathEqualTo("/orders")).withQueryParam("page", equalTo("2"))
                    .withQueryParam("modifyDateStart", equalTo("2024-07-05 08:00:00")));
        }

        @Test
        void aPageNumberCursorOfAnEarlierVersionGoesOnByPageNumber() {
            OrderQuery query = OrderQuery.modifiedSince(PLACED_SINCE, Instant.parse("2024-07-05T15:00:00Z"));
            stubModified("2024-07-05 08:00:00", 3, modifiedOrders(3, "2024-07-05T10:00:00.0000000"));

            Page<ShopOrder> third = connector.orders(connection(), query, Cursor.of("3"));

            assertThat(third.items()).hasSize(1);
            assertThat(third.next()).isEmpty();
            assertThat(third.totalPages()).isEqualTo(OptionalInt.of(3));
        }

        @Test
        void aPageModifiedAllInOneSecondGoesOnByPageNumber() {
            OrderQuery query = OrderQuery.modifiedSince(PLACED_SINCE, Instant.parse("2024-07-05T15:00:00Z"));
            stubModified("2024-07-05 08:00:00", 1, modifiedOrders(2, "2024-07-05T08:00:00.1000000", "2024-07-05T08:00:00.9000000"));
            stubModified("2024-07-05 08:00:00", 2, modifiedOrders(2, "2024-07-05T08:00:00.9000000", "2024-07-05T08:05:00.0000000"));

            Page<ShopOrder> first = connector.orders(connection(), query, Cursor.start());
            Page<ShopOrder> second = connector.orders(connection(), query, first.next().orElseThrow());

            assertThat(second.items()).hasSize(2);
            assertThat(second.next()).isEmpty();
            assertThatThrownBy(() -> connector.orders(connection(), query, Cursor.of("modified:x:1")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void mapsAFullOrder() {
            stubPage("/orders", 1, resource("orders-page1.json"));

            ShopOrder order = connector.orders(connection(), OrderQuery.placedSince(PLACED_SINCE), Cursor.start()).items().get(0);

            assertThat(order.externalId()).isEqualTo("987654321");
            assertThat(order.orderNumber()).isEqualTo("1001");
            assertThat(order.placedAt()).isEqualTo(Instant.parse("2024-03-10T09:59:59Z"));
            assertThat(order.modifiedAt()).isEqualTo(Instant.parse("2024-03-10T10:00:00Z"));
            assertThat(order.status()).isEqualTo("awaiting_shipment");
            assertThat(order.state()).isEqualTo(OrderState.PROCESSING);
            assertThat(order.customer().name()).isEqualTo("Grace Hopper");
            assertThat(order.customer().email()).isEqualTo("grace@example.com");
            assertThat(order.customer().address()).isEqualTo(
                    new Address("1 Oxford St, Room 208, Attn: Mark I", "Cambridge", "MA", "02138", "US", "555-555-0100"));
            assertThat(order.lines()).containsExactly(
                    new OrderLine("128836912", "7854008", "ETH-YIRG-250-WB", "Ethiopia Yirgacheffe 250 g Whole Bean", 2,
                            new BigDecimal("14.50")),
                    new OrderLine("gift-wrap-7", "", "", "Gift wrapping", 1, new BigDecimal("1234567.891234567891")));
        }

        @Test
        void leavesAdjustmentLinesOut() {
            stubPage("/orders", 1, resource("orders-page1.json"));

            ShopOrder order = connector.orders(connection(), OrderQuery.placedSince(PLACED_SINCE), Cursor.start()).items().get(0);

            assertThat(order.lines()).extracting(OrderLine::name).doesNotContain("SPRING10 discount");
            assertThat(order.lines()).hasSize(2);
        }

        @Test
        void mapsSparseOrdersAndTheStatuses() {
            stubPage("/orders", 1, resource("orders-page1.json"));
            stubPage("/orders", 2, resource("orders-page2.json"));

            List<ShopOrder> first = connector.orders(connection(), OrderQuery.placedSince(PLACED_SINCE), Cursor.start()).items();
            List<ShopOrder> second = connector.orders(connection(), OrderQuery.placedSince(PLACED_SINCE), Cursor.of("2")).items();

            ShopOrder unpaid = first.get(1);
            assertThat(unpaid.state()).isEqualTo(OrderState.PENDING);
            assertThat(unpaid.placedAt()).isEqualTo(Instant.parse("2024-11-03T08:30:00.780Z"));
            assertThat(unpaid.customer().email()).isEmpty();
            assertThat(unpaid.customer().address().street()).isEqualTo("Bletchley Park");
            assertThat(unpaid.lines()).singleElement().satisfies(line -> {
                assertThat(line.externalId()).isEqualTo("128836920");
                assertThat(line.quantity()).isEqualTo(3);
                assertThat(line.unitPrice().toPlainString()).isEqualTo("0.1");
            });

            ShopOrder onHold = second.get(0);
            assertThat(onHold.status()).isEqualTo("on_hold");
            assertThat(onHold.state()).isEqualTo(OrderState.ON_HOLD);
            assertThat(onHold.placedAt()).isEqualTo(Instant.parse("2024-07-04T19:00:00.1234567Z"));

            ShopOrder shipped = second.get(1);
            assertThat(shipped.state()).isEqualTo(OrderState.CLOSED);
            assertThat(shipped.customer().name()).isEmpty();
            assertThat(shipped.customer().email()).isEqualTo("ada@example.com");
            assertThat(shipped.customer().address()).isEqualTo(Address.unknown());
            assertThat(shipped.lines()).isEmpty();
        }

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({
                "awaiting_payment, PENDING",
                "awaiting_shipment, PROCESSING",
                "pending_fulfillment, PROCESSING",
                "shipped, CLOSED",
                "cancelled, CANCELLED",
                "rejected_fulfillment, CANCELLED",
                "on_hold, ON_HOLD",
                "ON_HOLD, ON_HOLD",
                "some_future_status, PROCESSING",
        })
        void normalizesTheOrderStatus(String status, OrderState state) {
            assertThat(Payloads.state(status)).isEqualTo(state);
        }

        @Test
        void anEmptyAccountHasOneEmptyLastPage() {
            Page<ShopOrder> page = connector.orders(connection(), OrderQuery.placedSince(PLACED_SINCE), Cursor.start());

            assertThat(page.items()).isEmpty();
            assertThat(page.next()).isEmpty();
        }
    }

    @Nested
    class MalformedAnswers {
        @Test
        void brokenJsonNamesTheEndpoint() {
            stubAll("/orders", okJson("{\"orders\":[{\"orderId\":1,\"orderDate\":\"2024-01-01T00:00:00\""));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("GET /orders?page=1&pageSize=500");
        }

        @Test
        void aBodyCutShortSaysSoInsteadOfQuotingParserLocations() {
            String whole = "{\"orders\":[{\"orderId\":1,\"orderNumber\":\"1\",\"orderDate\":\"2024-01-01T00:00:00\","
                    + "\"items\":[{\"orderItemId\":2,\"sku\":\"A\"}]}],\"total\":1,\"page\":1,\"pages\":1}";
            // inside a name, between two entries of an object, between two array elements, before the last brace
            for (int cut : new int[] {1, 20, whole.indexOf("\"sku\""), whole.indexOf("]}]") + 2, whole.length() - 1}) {
                stubAll("/orders", okJson(whole.substring(0, cut)));

                assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                        .as("cut after %s bytes", cut)
                        .isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("GET /orders?page=1")
                        .hasMessageEndingWith("is cut short: its JSON ends after " + cut + " bytes, before the document is complete")
                        .hasMessageNotContaining("REDACTED");
            }
        }

        @Test
        void anEmptyBodyIsCalledEmpty() {
            stubAll("/products", okJson(" \n"));

            assertThatThrownBy(() -> connector.listings(connection(), ListingQuery.everything(), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("GET /products?page=1")
                    .hasMessageEndingWith(" is empty");
        }

        @Test
        void aMissingProductsArrayIsNamed() {
            stubAll("/products", okJson("{\"total\":0,\"page\":1,\"pages\":0}"));

            assertThatThrownBy(() -> connector.listings(connection(), ListingQuery.everything(), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("'products'")
                    .hasMessageContaining("GET /products");
        }

        @Test
        void aProductWithoutIdIsNamed() {
            stubAll("/products", okJson("{\"products\":[{\"sku\":\"X\",\"name\":\"No id\"}],\"total\":1,\"page\":1,\"pages\":1}"));

            assertThatThrownBy(() -> connector.listings(connection(), ListingQuery.everything(), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("'productId'");
        }

        @Test
        void anOrderWithoutOrderDateIsNamed() {
            stubAll("/orders", okJson("{\"orders\":[{\"orderId\":77,\"orderNumber\":\"77\",\"orderDate\":null}],\"total\":1,\"page\":1,\"pages\":1}"));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("order 77 has no 'orderDate'");
        }

        @Test
        void anOrderWithoutIdIsNamed() {
            stubAll("/orders", okJson("{\"orders\":[{\"orderNumber\":\"77\",\"orderDate\":\"2024-01-01T00:00:00\"}],\"total\":1,\"page\":1,\"pages\":1}"));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("'orderId'");
        }

        @Test
        void aValueOfTheWrongTypeNamesItsPath() {
            stubAll("/orders", okJson("{\"orders\":[{\"orderId\":1,\"orderDate\":\"2024-01-01T00:00:00\","
                    + "\"items\":[{\"orderItemId\":2,\"unitPrice\":\"twelve\"}]}],\"total\":1,\"page\":1,\"pages\":1}"));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("orders[0].items[0].unitPrice");
        }

        @Test
        void aTimestampThatIsNotOneIsNamed() {
            stubAll("/products", okJson("{\"products\":[{\"productId\":5,\"createDate\":\"last Tuesday\"}],\"total\":1,\"page\":1,\"pages\":1}"));

            assertThatThrownBy(() -> connector.listings(connection(), ListingQuery.everything(), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("product 5 has 'createDate'");
        }

        @Test
        void anUnexpectedNotFoundHintsAtTheBaseUrl() {
            stubAll("/orders", aResponse().withStatus(404));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("base URL");
        }
    }

    @Nested
    class RateLimits {
        @Test
        void tooManyRequestsWaitsForTheResetOfTheWindow() {
            stubAll("/orders", aResponse().withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Rate-Limit-Limit", "40")
                    .withHeader("X-Rate-Limit-Remaining", "0")
                    .withHeader("X-Rate-Limit-Reset", "17")
                    .withBody("{\"message\": \"Too Many Requests\"}"));

            RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                    () -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()));

            assertThat(e).isNotNull();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
            assertThat(e.retryable()).isTrue();
        }

        @Test
        void retryAfterWinsOverTheReset() {
            stubAll("/orders", aResponse().withStatus(429).withHeader("Retry-After", "5").withHeader("X-Rate-Limit-Reset", "17"));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
        }

        @Test
        void withoutHeadersTheWaitIsAMinute() {
            stubAll("/accounts/listtags", aResponse().withStatus(429));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        }

        @Test
        void afterATooManyRequestsTheNextCallWaitsWithoutARequest() {
            stubAll("/accounts/listtags", aResponse().withStatus(429).withHeader("X-Rate-Limit-Reset", "30"));
            assertThatThrownBy(() -> connector.validate(connection())).isInstanceOf(RateLimitedException.class);
            shipStation.clock.advance(Duration.ofSeconds(10));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
            assertThat(requests()).hasSize(1);
        }

        @Test
        void aUsedUpWindowMakesTheNextCallWaitWithoutSendingIt() {
            server.stubFor(get(urlPathEqualTo("/products")).atPriority(SPECIFIC)
                    .withQueryParam("page", equalTo("1"))
                    .willReturn(okJson(resource("products-page1.json"))
                            // header names in any case: HTTP says they are case-insensitive
                            .withHeader("x-rate-limit-limit", "40")
                            .withHeader("x-rate-limit-remaining", "0")
                            .withHeader("x-rate-limit-reset", "20")));
            stubPage("/products", 2, resource("products-page2.json"));

            Page<Listing> first = connector.listings(connection(), ListingQuery.everything(), Cursor.start());
            shipStation.clock.advance(Duration.ofSeconds(5));
            RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                    () -> connector.listings(connection(), ListingQuery.everything(), first.next().orElseThrow()));

            assertThat(e).isNotNull();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15));
            assertThat(requests()).as("the paced call was not sent").hasSize(1);

            shipStation.clock.advance(Duration.ofSeconds(15));
            Page<Listing> second = connector.listings(connection(), ListingQuery.everything(), first.next().orElseThrow());

            assertThat(second.items()).hasSize(2);
            assertThat(requests()).hasSize(2);
        }

        @Test
        void remainingRequestsDoNotSlowAnythingDown() {
            stubAll("/accounts/listtags", okJson("[]").withHeader("X-Rate-Limit-Remaining", "12").withHeader("X-Rate-Limit-Reset", "20"));

            connector.validate(connection());
            connector.validate(connection());

            assertThat(requests()).hasSize(2);
        }

        @Test
        void pacingIsPerApiKey() {
            stubAll("/accounts/listtags", okJson("[]").withHeader("X-Rate-Limit-Remaining", "0").withHeader("X-Rate-Limit-Reset", "20"));
            connector.validate(connection());

            Connection otherAccount = shipStation.connection("OtherKey", "OtherSecret");
            assertThatThrownBy(() -> connector.validate(otherAccount)).isInstanceOf(InvalidCredentialsException.class);
            assertThatThrownBy(() -> connector.validate(connection())).isInstanceOf(RateLimitedException.class);
            assertThat(requests()).hasSize(2);
        }
    }
}
