package dev.shoplink.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.shoplink.shopify.FakeShopify.GRAPHQL;
import static dev.shoplink.shopify.FakeShopify.SPECIFIC;
import static dev.shoplink.shopify.FakeShopify.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shoplink.api.Address;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.CredentialKind;
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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopifyConnectorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static FakeShopify shopify;
    private static WireMockServer server;

    private ShopifyConnector connector;

    @BeforeAll
    static void start() {
        shopify = new FakeShopify();
        server = shopify.server;
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    @BeforeEach
    void freshShopAndConnector() {
        shopify.clock.advance(Duration.ofHours(1));
        shopify.reset();
        connector = new ShopifyConnector(ShopifyClient.withOwnPacing());
    }

    private static Connection connection() {
        return shopify.connection();
    }

    private static MappingBuilder operation(String name) {
        return post(urlPathEqualTo(GRAPHQL)).atPriority(SPECIFIC).withRequestBody(matchingJsonPath("$.operationName", equalTo(name)));
    }

    private static void stub(String operation, ResponseDefinitionBuilder response) {
        server.stubFor(operation(operation).willReturn(response));
    }

    private static List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    private static JsonNode variables(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString()).path("variables");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> List<T> collect(Function<Cursor, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        Cursor cursor = Cursor.start();
        for (int pages = 0; pages < 1_000; pages++) {
            Page<T> page = fetch.apply(cursor);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            cursor = page.next().get();
        }
        throw new AssertionError("paging did not end");
    }

    @Nested
    class Descriptor {
        @Test
        void asksForTheAccessTokenAndSaysWhereToFindItAndWhichScopes() {
            assertThat(connector.descriptor().id()).isEqualTo("shopify");
            assertThat(connector.descriptor().name()).isEqualTo("Shopify");
            CredentialField token = connector.descriptor().credentialFields().get(0);
            assertThat(connector.descriptor().credentialFields()).hasSize(1);
            assertThat(token.name()).isEqualTo("accessToken");
            assertThat(token.kind()).isEqualTo(CredentialKind.SECRET);
            assertThat(token.secret()).isTrue();
            assertThat(token.required()).isTrue();
            assertThat(token.help()).contains("Develop apps", "read_products", "read_orders", "read_all_orders", "60 days");
        }
    }

    @Nested
    class ApiBaseUrl {
        @ParameterizedTest
        @ValueSource(strings = {"roaster.myshopify.com", "https://roaster.myshopify.com/", "https://roaster.myshopify.com/admin",
                "  HTTPS://Roaster.MyShopify.com/admin/ ", "http://roaster.myshopify.com", "https://admin.shopify.com/store/roaster",
                "admin.shopify.com/store/roaster/orders"})
        void theShopsPermanentAddressInAnyFormIsItsApiBase(String shopUrl) {
            assertThat(connector.apiBaseUrl(shopUrl)).isEqualTo(URI.create("https://roaster.myshopify.com"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://roaster.com", "roaster.com", "www.roaster-coffee.de/shop"})
        void aCustomDomainIsRefusedNamingTheMyshopifyForm(String shopUrl) {
            InvalidCredentialsException e = catchThrowableOfType(InvalidCredentialsException.class, () -> connector.apiBaseUrl(shopUrl));

            assertThat(e).isNotNull();
            assertThat(e.field()).contains(InvalidCredentialsException.SHOP_URL);
            assertThat(e.getMessage()).contains("<shop>.myshopify.com", "custom domain", "Settings > Domains");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "https://roaster.myshopify.com/products/espresso", "ftp://roaster.myshopify.com",
                "https://admin.shopify.com/", "https://roaster.myshopify.com:8443"})
        void otherUnusableAddressesAreRefusedForTheShopUrlField(String shopUrl) {
            assertThatThrownBy(() -> connector.apiBaseUrl(shopUrl))
                    .isInstanceOfSatisfying(InvalidCredentialsException.class,
                            e -> assertThat(e.field()).contains(InvalidCredentialsException.SHOP_URL))
                    .hasMessageContaining("myshopify.com");
        }
    }

    @Nested
    class Validate {
        @Test
        void asksTheShopQueryAtThePinnedVersionWithTheTokenHeader() {
            stub("Shop", okJson(resource("shop.json")));

            connector.validate(connection());

            server.verify(1, postRequestedFor(urlPathEqualTo("/admin/api/2026-10/graphql.json"))
                    .withHeader("X-Shopify-Access-Token", equalTo(FakeShopify.TOKEN))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(matchingJsonPath("$.query", com.github.tomakehurst.wiremock.client.WireMock.containing(
                            "shop { name myshopifyDomain }"))));
            assertThat(requests()).hasSize(1);
        }

        @Test
        void aWrongTokenIsInvalidCredentialsOfTheTokenField() {
            String wrong = "shpat_ffffffffffffffffffffffffffffffff";
            InvalidCredentialsException e = catchThrowableOfType(InvalidCredentialsException.class,
                    () -> connector.validate(shopify.connection(wrong)));

            assertThat(e).isNotNull();
            assertThat(e.field()).contains("accessToken");
            assertThat(e.getMessage()).contains("401").doesNotContain(wrong);
            assertThat(e.retryable()).isFalse();
        }

        @Test
        void aMissingTokenIsRejectedWithoutARequest() {
            assertThatThrownBy(() -> connector.validate(shopify.connection(" ")))
                    .isInstanceOfSatisfying(InvalidCredentialsException.class, e -> assertThat(e.field()).contains("accessToken"));
            assertThat(requests()).isEmpty();
        }

        @Test
        void missingReadScopesAreAccessDeniedNamingThem() {
            shopify.scopes = List.of("read_products");

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(ApiAccessDeniedException.class)
                    .hasMessageContaining("lacks the scope read_orders")
                    .hasMessageContaining("granted: read_products")
                    .hasMessageContaining("read_all_orders");
        }

        @Test
        void writeScopesIncludeTheReadScopes() {
            shopify.scopes = List.of("write_products", "write_orders");

            connector.validate(connection());
        }

        @Test
        void anAccessDeniedErrorNamesTheScopes() {
            stub("Shop", okJson(resource("access-denied.json")));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(ApiAccessDeniedException.class)
                    .hasMessageContaining("Access denied for orders field")
                    .hasMessageContaining("read_products and read_orders");
        }

        @Test
        void http403IsAccessDenied() {
            stub("Shop", aResponse().withStatus(403)
                    .withBody("{\"errors\":\"[API] This action requires merchant approval for read_orders scope.\"}"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(ApiAccessDeniedException.class)
                    .hasMessageContaining("HTTP 403")
                    .hasMessageContaining("merchant approval for read_orders scope");
        }

        @Test
        void aTokenOfAnotherShopIsInvalidForTheTokenField() {
            shopify.domain = "other-roaster.myshopify.com";

            InvalidCredentialsException e = catchThrowableOfType(InvalidCredentialsException.class, () -> connector.validate(connection()));

            assertThat(e).isNotNull();
            assertThat(e.field()).contains("accessToken");
            assertThat(e.getMessage()).contains("belongs to another shop: other-roaster.myshopify.com").contains("roaster.myshopify.com");
        }

        @Test
        void serverErrorIsUnavailable() {
            stub("Shop", aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(ShopUnavailableException.class)
                    .hasMessageContaining("HTTP 502")
                    .hasMessageContaining("Shop query");
        }

        @Test
        void aSlowAnswerTimesOutAsUnavailable() {
            stub("Shop", okJson(resource("shop.json")).withFixedDelay(3_000));

            assertThatThrownBy(() -> connector.validate(shopify.connection(Duration.ofMillis(300))))
                    .isInstanceOf(ShopUnavailableException.class)
                    .hasMessageContaining("within 300 ms");
        }

        @Test
        void aDroppedConnectionIsUnavailable() {
            stub("Shop", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            assertThatThrownBy(() -> connector.validate(connection())).isInstanceOf(ShopUnavailableException.class);
        }

        @Test
        void malformedJsonIsMalformed() {
            stub("Shop", aResponse().withStatus(200).withBody("{\"data\":{\"shop\":{\"name\":\"Roa"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void aWebPageIsMalformed() {
            stub("Shop", aResponse().withStatus(200).withBody("<html><body>Welcome to our store</body></html>"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("shop URL");
        }

        @Test
        void aMissingDomainIsMalformed() {
            stub("Shop", okJson("{\"data\":{\"shop\":{\"name\":\"Roaster\"}}}"));

            assertThatThrownBy(() -> connector.validate(connection()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("shop.myshopifyDomain");
        }
    }

    @Nested
    class Listings {
        @Test
        void mapsVariantsToListingsAndDropsShopifysDefaultTitle() {
            stub("Listings", okJson(resource("products-page.json")));

            Page<Listing> page = connector.listings(connection(), ListingQuery.everything(), Cursor.start());

            assertThat(page.next()).isEmpty();
            assertThat(page.items()).containsExactly(
                    new Listing("4400000000011", "ETH-YIRG-250", "Ethiopia Yirgacheffe", "", "880000000001",
                            Optional.of(new BigDecimal("14.50")), true, Instant.parse("2026-05-01T10:00:00Z"),
                            Instant.parse("2026-05-03T08:00:00Z")),
                    new Listing("4400000000021", "ESP-250-WB", "House Espresso", "250 g / Whole bean", "880000000002",
                            Optional.of(new BigDecimal("12.00")), false, Instant.parse("2026-04-01T13:00:00Z"),
                            Instant.parse("2026-04-01T13:00:00Z")),
                    new Listing("4400000000022", "", "House Espresso", "1 kg / Whole bean", "880000000002",
                            Optional.of(new BigDecimal("39.90")), false, Instant.parse("2026-04-01T13:00:00Z"),
                            Instant.parse("2026-04-02T13:00:00Z")));
            // the first read counts the products (none in the fake's catalog: below the bulk threshold), then pages
            assertThat(requests()).hasSize(2);
            assertThat(requests().get(0).getBodyAsString()).contains("\"operationName\":\"ProductsCount\"");
            LoggedRequest request = requests().get(1);
            assertThat(variables(request).path("first").asInt()).isEqualTo(40);
            assertThat(variables(request).path("variants").asInt()).isEqualTo(20);
            assertThat(variables(request).path("after").isNull()).isTrue();
            assertThat(variables(request).path("query").isNull()).isTrue();
        }

        @Test
        void aProductWith250VariantsIsReadCompletelyBeforeTheNextProducts() {
            shopify.products.add(new FakeShopify.Product(7_999_999_999L, "Tasting Box", "ACTIVE",
                    Instant.parse("2026-05-02T10:00:00Z"), variants(7_999_999_999L, 250)));
            shopify.serveProducts(3, 1, 0);
            List<Listing> all = collect(cursor -> connector.listings(connection(), ListingQuery.everything(), cursor));

            assertThat(all).extracting(Listing::externalId).doesNotHaveDuplicates();
            assertThat(all).filteredOn(l -> l.name().equals("Tasting Box")).hasSize(250)
                    .allSatisfy(l -> assertThat(l.parentProductId()).isEqualTo("7999999999"));
            assertThat(all).hasSize(253);
            // the first page ends with the big product (20 variants), its other 230 come in one follow-up, then the rest
            assertThat(shopify.operations).containsExactly("ProductsCount", "Listings", "ProductVariants", "Listings");
        }

        @Test
        void productsOfTwentyVariantsLikeTheSimulatorsCoffeesAreRead40APageWithoutFollowUps() {
            // the simulator's and the demo's coffees: 5 bag sizes x 4 grinds
            shopify.serveProducts(45, 20, 0);
            List<Listing> all = collect(cursor -> connector.listings(connection(), ListingQuery.everything(), cursor));

            assertThat(all).hasSize(900).extracting(Listing::externalId).doesNotHaveDuplicates();
            // with 16 inline every product would end its page and need a follow-up: 45 Listings + 45 ProductVariants
            assertThat(shopify.operations).containsExactly("ProductsCount", "Listings", "Listings");
            assertThat(shopify.requestedTotal).isEqualTo(1 + 2 * Queries.LISTINGS_COST).isLessThan(1 + 2 * 1_000);
        }

        @Test
        void aFollowUpOfVariantsIsPagedAndTheCursorCarriesBothPositions() {
            shopify.products.add(new FakeShopify.Product(7_000_000_001L, "Big", "ACTIVE", Instant.parse("2026-05-02T10:00:00Z"),
                    variants(7_000_000_001L, 600)));
            shopify.products.add(new FakeShopify.Product(7_000_000_002L, "Small", "ACTIVE", Instant.parse("2026-05-02T10:00:00Z"),
                    variants(7_000_000_002L, 2)));

            Page<Listing> first = connector.listings(connection(), ListingQuery.everything(), Cursor.start());
            Page<Listing> second = connector.listings(connection(), ListingQuery.everything(), first.next().orElseThrow());
            Page<Listing> again = connector.listings(connection(), ListingQuery.everything(), first.next().orElseThrow());
            List<Listing> rest = collect(cursor -> connector.listings(connection(), ListingQuery.everything(),
                    cursor.isStart() ? second.next().orElseThrow() : cursor));

            assertThat(first.items()).hasSize(20).allSatisfy(l -> assertThat(l.name()).isEqualTo("Big"));
            assertThat(second.items()).hasSize(250);
            assertThat(again.items()).isEqualTo(second.items());
            assertThat(rest).hasSize(600 - 20 - 250 + 2);
            assertThat(rest.subList(rest.size() - 2, rest.size())).allSatisfy(l -> assertThat(l.name()).isEqualTo("Small"));
            assertThat(first.next().orElseThrow().value()).startsWith("products:");
        }

        @Test
        void createdSinceAsksForProductsUpdatedSinceAndKeepsNewerVariants() {
            shopify.serveProducts(2, 1, 0);

            Page<Listing> page = connector.listings(connection(), new ListingQuery(Instant.parse("2026-05-01T10:00:00.750Z"), false),
                    Cursor.start());

            assertThat(variables(requests().get(0)).path("query").asText())
                    .isEqualTo("updated_at:>='2026-05-01T10:00:00Z' AND status:active");
            // product 0's variant was created at 10:00:00, before the instant asked for
            assertThat(page.items()).extracting(Listing::externalId).containsExactly("40000010000");
        }

        @Test
        void aListingIsFetchedByItsVariantId() {
            stub("Variant", okJson(resource("variant.json")));

            Optional<Listing> listing = connector.listing(connection(), "4400000000021");

            assertThat(listing).hasValueSatisfying(l -> {
                assertThat(l.externalId()).isEqualTo("4400000000021");
                assertThat(l.name()).isEqualTo("House Espresso");
                assertThat(l.variantTitle()).isEqualTo("250 g / Whole bean");
                assertThat(l.active()).isTrue();
                assertThat(l.modifiedAt()).isEqualTo(Instant.parse("2026-04-05T13:00:00Z"));
            });
            assertThat(variables(requests().get(0)).path("id").asText()).isEqualTo("gid://shopify/ProductVariant/4400000000021");
        }

        @Test
        void anUnknownVariantIsEmpty() {
            stub("Variant", okJson(resource("variant-unknown.json")));

            assertThat(connector.listing(connection(), "4400000000099")).isEmpty();
        }

        @Test
        void anIdThatIsNoNumberIsEmptyWithoutARequest() {
            assertThat(connector.listing(connection(), "gid://shopify/ProductVariant/1")).isEmpty();
            assertThat(requests()).isEmpty();
        }

        private List<FakeShopify.Variant> variants(long productId, int count) {
            List<FakeShopify.Variant> variants = new ArrayList<>();
            for (int v = 0; v < count; v++) {
                variants.add(new FakeShopify.Variant(productId * 1_000 + v, "Option " + v, "BOX-" + v, "9.00",
                        Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:00Z")));
            }
            return variants;
        }
    }

    @Nested
    class Orders {
        private void stubOrderPages() {
            server.stubFor(operation("Orders").withRequestBody(matchingJsonPath("$.variables.after", absent()))
                    .willReturn(okJson(resource("orders-page1.json"))));
            server.stubFor(operation("Orders").withRequestBody(matchingJsonPath("$.variables.after",
                            equalTo("eyJsYXN0X2lkIjo1NTAwMDAwMDAwMDAyLCJsYXN0X3ZhbHVlIjoiMjAyNi0wNi0wMiJ9")))
                    .willReturn(okJson(resource("orders-page2.json"))));
            server.stubFor(operation("OrderLines").withRequestBody(matchingJsonPath("$.variables.id",
                            equalTo("gid://shopify/Order/5500000000001")))
                    .willReturn(okJson(resource("order-lines.json"))));
        }

        @Test
        void placedSincePagesByCreationAndReadsEveryLine() {
            stubOrderPages();
            OrderQuery query = OrderQuery.placedSince(Instant.parse("2026-06-01T00:00:00Z"));

            Page<ShopOrder> first = connector.orders(connection(), query, Cursor.start());
            Page<ShopOrder> second = connector.orders(connection(), query, first.next().orElseThrow());

            assertThat(first.items()).extracting(ShopOrder::externalId).containsExactly("5500000000001", "5500000000002");
            assertThat(second.items()).extracting(ShopOrder::externalId).containsExactly("5500000000003");
            assertThat(second.next()).isEmpty();
            ShopOrder big = first.items().get(0);
            assertThat(big.lines()).hasSize(11).extracting(OrderLine::externalId).doesNotHaveDuplicates();
            List<LoggedRequest> sent = requests();
            JsonNode firstVariables = variables(sent.stream().filter(r -> r.getBodyAsString().contains("\"Orders\"")).findFirst()
                    .orElseThrow());
            assertThat(firstVariables.path("query").asText()).isEqualTo("created_at:>='2026-06-01T00:00:00Z'");
            assertThat(firstVariables.path("sortKey").asText()).isEqualTo("CREATED_AT");
            assertThat(firstVariables.path("first").asInt()).isEqualTo(20);
            server.verify(1, postRequestedFor(urlPathEqualTo(GRAPHQL))
                    .withRequestBody(matchingJsonPath("$.operationName", equalTo("OrderLines")))
                    .withRequestBody(matchingJsonPath("$.variables.after", equalTo("eyJsYXN0X2lkIjoxMzAwMDAwMDAwMDAwN30="))));
        }

        @Test
        void mapsAnOrder() {
            stubOrderPages();

            ShopOrder order = connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()).items().get(0);

            assertThat(order.orderNumber()).isEqualTo("#1001");
            assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
            assertThat(order.modifiedAt()).isEqualTo(Instant.parse("2026-06-01T10:05:00Z"));
            assertThat(order.status()).isEqualTo("PAID / UNFULFILLED");
            assertThat(order.state()).isEqualTo(OrderState.PROCESSING);
            assertThat(order.customer().name()).isEqualTo("Ada Lovelace");
            assertThat(order.customer().email()).isEqualTo("ada@example.com");
            assertThat(order.customer().address()).isEqualTo(new Address("12 Roast Lane, Unit 4", "Portland", "OR", "97201", "US",
                    "+1 503-555-0100"));
            assertThat(order.lines().get(1)).isEqualTo(new OrderLine("13000000000001", "4400000000021", "SKU-1", "Coffee 1", 2,
                    new BigDecimal("14.50")));
        }

        @Test
        void anOrderWithoutAddressOrVariantKeepsEmptyValues() {
            stubOrderPages();

            ShopOrder order = connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()).items().get(1);

            assertThat(order.state()).isEqualTo(OrderState.ON_HOLD);
            assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-06-02T18:00:00Z"));
            assertThat(order.customer().address()).isEqualTo(Address.unknown());
            assertThat(order.customer().email()).isEmpty();
            assertThat(order.lines()).singleElement().satisfies(line -> {
                assertThat(line.listingExternalId()).isEmpty();
                assertThat(line.unitPrice()).isEqualByComparingTo("3.00");
            });
        }

        @Test
        void modifiedSinceSortsByUpdateAndFiltersBothTimes() {
            shopify.serveOrders(45, 2);
            OrderQuery query = OrderQuery.modifiedSince(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T01:10:00Z"));

            List<ShopOrder> all = collect(cursor -> connector.orders(connection(), query, cursor));

            // order i is updated at 01:00 + i minutes: 10 .. 44
            assertThat(all).extracting(ShopOrder::externalId).doesNotHaveDuplicates().hasSize(35);
            assertThat(all).extracting(ShopOrder::modifiedAt).isSorted();
            JsonNode sent = variables(requests().get(0));
            assertThat(sent.path("sortKey").asText()).isEqualTo("UPDATED_AT");
            assertThat(sent.path("query").asText())
                    .isEqualTo("created_at:>='2026-06-01T00:00:00Z' AND updated_at:>='2026-06-01T01:10:00Z'");
        }

        @Test
        void linesBeyondTheNestedPageAreReadInFollowUps() {
            shopify.serveOrders(3, 250);

            List<ShopOrder> all = collect(cursor -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), cursor));

            assertThat(all).hasSize(3).allSatisfy(o -> assertThat(o.lines()).hasSize(250));
            // 8 with the order, then 100 + 100 + 42 in three follow-ups each
            assertThat(shopify.operations.stream().filter("OrderLines"::equals)).hasSize(9);
        }

        @Test
        void anOtherGraphqlErrorIsMalformedWithShopifysMessage() {
            stub("Orders", okJson(resource("syntax-error.json")));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("Field 'displayFulfilmentStatus' doesn't exist on type 'Order'");
        }

        @Test
        void aMissingPageInfoIsMalformed() {
            stub("Orders", okJson("{\"data\":{\"orders\":{\"nodes\":[]}}}"));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("orders.pageInfo.hasNextPage");
        }

        @Test
        void aBadIdIsMalformed() {
            stub("Orders", okJson(resource("orders-page2.json").replace("gid://shopify/Order/5500000000003", "5500000000003")));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("gid://shopify/Order/<number>");
        }

        @Test
        void serverErrorIsUnavailable() {
            stub("Orders", aResponse().withStatus(503));

            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(ShopUnavailableException.class)
                    .hasMessageContaining("HTTP 503");
        }

        @Test
        void aForeignCursorIsRefused() {
            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.of("17")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class States {
        @ParameterizedTest(name = "{0} {1} {2} → {3}")
        @CsvSource({
                "false, PAID, UNFULFILLED, PROCESSING",
                "false, AUTHORIZED, UNFULFILLED, PROCESSING",
                "false, PARTIALLY_PAID, PARTIALLY_FULFILLED, PROCESSING",
                "false, PARTIALLY_REFUNDED, IN_PROGRESS, PROCESSING",
                "false, PENDING, UNFULFILLED, PENDING",
                "false, EXPIRED, UNFULFILLED, PENDING",
                "false, PAID, FULFILLED, CLOSED",
                "false, PAID, RESTOCKED, CLOSED",
                "false, PAID, ON_HOLD, ON_HOLD",
                "false, PENDING, ON_HOLD, ON_HOLD",
                "false, REFUNDED, FULFILLED, CANCELLED",
                "false, VOIDED, UNFULFILLED, CANCELLED",
                "true, PAID, UNFULFILLED, CANCELLED",
                "true, PAID, ON_HOLD, CANCELLED",
        })
        void shopifyStatusesMapToStates(boolean cancelled, String financial, String fulfillment, OrderState state) {
            assertThat(Payloads.state(cancelled, financial, fulfillment)).isEqualTo(state);
        }

        @Test
        void theStatusTextKeepsShopifysValues() {
            assertThat(Payloads.status(true, "REFUNDED", "UNFULFILLED")).isEqualTo("CANCELLED / REFUNDED / UNFULFILLED");
            assertThat(Payloads.status(false, "PAID", "")).isEqualTo("PAID");
        }

        @Test
        void aCancelledRefundedOrderIsCancelled() {
            server.stubFor(operation("Orders").willReturn(okJson(resource("orders-page2.json"))));

            ShopOrder order = connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()).items().get(0);

            assertThat(order.state()).isEqualTo(OrderState.CANCELLED);
            assertThat(order.status()).isEqualTo("CANCELLED / REFUNDED / UNFULFILLED");
        }
    }

    @Nested
    class Throttling {
        @Test
        void aThrottledAnswerWaitsForTheBucketToHoldTheRequestedCost() {
            stub("Orders", okJson(resource("throttled.json")));

            RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                    () -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()));

            // (722 requested - 122 available) / 100 a second
            assertThat(e).isNotNull();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(6));
            assertThat(e.getMessage()).contains("722", "122");
        }

        @Test
        void afterAThrottledAnswerTheNextCallWaitsWithoutARequest() {
            stub("Orders", okJson(resource("throttled.json")));
            assertThatThrownBy(() -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()))
                    .isInstanceOf(RateLimitedException.class);
            server.resetRequests();

            shopify.clock.advance(Duration.ofSeconds(2));
            RateLimitedException again = catchThrowableOfType(RateLimitedException.class,
                    () -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()));

            assertThat(again).isNotNull();
            assertThat(again.retryAfter()).isEqualTo(Duration.ofSeconds(4));
            assertThat(requests()).isEmpty();

            server.resetAll();
            shopify.reset();
            shopify.clock.advance(Duration.ofSeconds(4));
            connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start());
            assertThat(shopify.operations).containsExactly("OrdersCount", "Orders");
        }

        @Test
        void pacesBeforeTheBucketRunsDry() {
            shopify.serveOrders(100, 2);
            shopify.bucket(1_000, 1_000, 50);
            OrderQuery query = OrderQuery.placedSince(Instant.EPOCH);

            Page<ShopOrder> first = connector.orders(connection(), query, Cursor.start());
            // 1,000 - 1 (the count of a first read) - 242 actual = 757 left, enough for the 722 requested
            Page<ShopOrder> second = connector.orders(connection(), query, first.next().orElseThrow());
            // 757 - 242 = 515 left: the third query (722) would be throttled, so it is not sent
            int sent = requests().size();
            RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                    () -> connector.orders(connection(), query, second.next().orElseThrow()));

            assertThat(e).isNotNull();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(4_140)); // (722 - 515) / 50
            assertThat(requests()).hasSize(sent);
            assertThat(server.findAll(anyRequestedFor(anyUrl())).stream().map(LoggedRequest::getBodyAsString))
                    .noneMatch(body -> body.contains("Throttled"));

            shopify.clock.advance(e.retryAfter());
            assertThat(connector.orders(connection(), query, second.next().orElseThrow()).items()).hasSize(20);
        }

        @Test
        void aBare429WaitsForRetryAfter() {
            stub("Orders", aResponse().withStatus(429).withHeader("Retry-After", "2.5")
                    .withBody("{\"errors\":\"Exceeded 2 calls per second for api client.\"}"));

            RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                    () -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()));

            assertThat(e).isNotNull();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2_500));
            server.resetRequests();
            assertThatThrownBy(() -> connector.validate(connection())).isInstanceOf(RateLimitedException.class);
            assertThat(requests()).isEmpty();
        }

        @Test
        void a429WithACostReportWaitsByTheFormula() {
            stub("Orders", aResponse().withStatus(429).withBody(resource("throttled.json")));

            RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                    () -> connector.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), Cursor.start()));

            assertThat(e).isNotNull();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(6));
        }
    }

    @Nested
    class Cost {
        @Test
        void readingAThousandOrdersOfTwoLinesPagedCostsFiftyQueriesAndTheCount() {
            shopify.serveOrders(1_000, 2);
            ShopifyClient client = ShopifyClient.withOwnPacing();
            ShopifyConnector paged = new ShopifyConnector(client, new BulkExport(client, d -> { }, 1_001, Duration.ZERO));

            List<ShopOrder> all = collect(cursor -> paged.orders(connection(), OrderQuery.placedSince(Instant.EPOCH), cursor));

            assertThat(all).hasSize(1_000);
            assertThat(shopify.operations).first().isEqualTo("OrdersCount");
            assertThat(shopify.queries).isEqualTo(1 + 50);
            // the count: 1; per page: requested 2 + 20 × (1 + 1 + 2 + 8 × 4) = 722; actual 2 + 20 × (1 + 1 + 2 + 2 × 4) = 242
            assertThat(shopify.requestedTotal).isEqualTo(1 + 36_100);
            assertThat(shopify.actualTotal).isEqualTo(1 + 12_100);
        }
    }
}
