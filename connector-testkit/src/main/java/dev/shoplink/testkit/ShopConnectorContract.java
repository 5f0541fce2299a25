package dev.shoplink.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every Shoplink connector shares, as a JUnit Jupiter suite that a connector runs
 * against a fake of its own shop.
 *
 * <h2>Using it</h2>
 * <ol>
 *   <li>Add {@code dev.shoplink:shoplink-connector-testkit} to the connector's pom with
 *       {@code <scope>test</scope>}. It brings JUnit Jupiter's API and AssertJ along; add the
 *       {@code junit-jupiter} engine (for Surefire) and a fake of the shop, usually WireMock, yourself.</li>
 *   <li>Write one test class that extends this class, e.g. {@code class AcmeConnectorContractTest
 *       extends ShopConnectorContract}. It owns the fake shop's life cycle: start it in
 *       {@code @BeforeAll}, reset it to an empty shop in {@code @BeforeEach}, stop it in
 *       {@code @AfterAll}.</li>
 *   <li>Implement the abstract methods: the connector under test, a good and a bad
 *       {@link Connection} to the fake, the connector's page size, and the {@code given…} hooks that
 *       fill the fake (stub the shop's list endpoints page by page, the way the real shop pages).</li>
 *   <li>Override the optional {@code given…} hooks ({@link #givenRateLimited()},
 *       {@link #givenAccessDenied()}, {@link #givenMalformedAnswers()}, {@link #givenShopDown()},
 *       {@link #givenOrdersModifiedAround(Instant, int, int)}, {@link #givenOrdersSellingListings(int)}).
 *       A hook left alone skips its test with a JUnit assumption naming the hook, so a connector that
 *       was written against an older testkit still builds; a connector whose shop really cannot be
 *       put in that situation overrides the hook and calls {@link #cannotArrange(String)} with the
 *       reason. Connectors bundled with Shoplink arrange every situation.</li>
 * </ol>
 *
 * <p>The checks: a sane descriptor; credential validation; complete and terminating paging over
 * listings and orders, resumable from a stored cursor value; unnamed listings kept; incremental order
 * queries that leave out orders modified before their bound; order lines with a quantity of at least
 * one whose listing ids {@link ShopConnector#listing} can fetch; ids unique within a page; a rate
 * limit, denied API access, unreadable answers and an unreachable or failing shop surfacing as the
 * plugin API's exceptions, retryable exactly when the API says so; and no secret in a connection's
 * text or in an exception message.
 *
 * <p>Each test calls at most one {@code given…} hook before talking to the connector. The fake must
 * at all times:
 * <ul>
 *   <li>answer the connector's credential check for {@link #goodConnection()} with success (unless a
 *       hook says otherwise) and reject every request made with {@link #badCredentialsConnection()}
 *       the way the real shop does;</li>
 *   <li>answer listing and order requests, with no {@code given…} call, as a shop that has none;</li>
 *   <li>page the way the real shop does, honouring the page size the connector asks for.</li>
 * </ul>
 *
 * <p>The test methods are public so that subclasses in any package inherit them.
 */
public abstract class ShopConnectorContract {
    private static final Pattern CONNECTOR_ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SECRET_SOUNDING = Pattern.compile("(?i).*(secret|password|token|key).*");
    /** Far more pages than any test serves: a connector that never stops fails instead of hanging. */
    private static final int PAGE_LIMIT = 1_000;
    private static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");
    /** The bound of the incremental query in {@link #incrementalOrderQueriesLeaveOutOrdersModifiedBeforeTheBound()}. */
    private static final Instant MODIFIED_BOUND = Instant.parse("2024-06-01T12:00:00Z");

    /** The connector under test. May return the same instance every time. */
    protected abstract ShopConnector connector();

    /** A connection to the fake shop with credentials it accepts. */
    protected abstract Connection goodConnection();

    /** A connection to the same fake shop with credentials it rejects. */
    protected abstract Connection badCredentialsConnection();

    /** The most items the connector asks its shop for in one page; the suite serves more than two pages' worth. */
    protected abstract int pageSize();

    /**
     * From now on the fake shop holds exactly {@code count} listings, each with its own id and
     * created after 2000-01-01; the first {@code unnamed} of them (in the shop's order) have no
     * name, half of those with the name absent and half with an empty one where the shop's
     * format allows both.
     */
    protected abstract void givenListings(int count, int unnamed);

    /**
     * From now on the fake shop holds exactly {@code count} orders, each with its own id, placed
     * after 2000-01-01 and with at least one product line.
     */
    protected abstract void givenOrders(int count);

    /** From now on the fake shop answers every request with a server error (e.g. HTTP 503) or drops the connection. */
    protected abstract void givenUnavailable();

    /** An id the fake shop does not know, in the shop's id format. */
    protected String unknownListingId() {
        return "987654321";
    }

    /**
     * From now on the fake shop answers every request made with {@link #goodConnection()} the way the
     * real shop does once the app's rate limit is used up (HTTP 429 with its wait headers, a GraphQL
     * {@code THROTTLED} error, …).
     */
    protected void givenRateLimited() {
        notArranged("givenRateLimited()", "a used-up rate limit");
    }

    /**
     * From now on the fake shop knows the credentials of {@link #goodConnection()} but refuses the
     * account API access, the way the real shop does (ShipStation: HTTP 403 on a plan without API
     * access; Shopify: a token without the read scopes, {@code ACCESS_DENIED} errors), on the
     * credential check and on listing and order requests.
     */
    protected void givenAccessDenied() {
        notArranged("givenAccessDenied()", "an account without API access");
    }

    /**
     * From now on the fake shop answers every request made with {@link #goodConnection()} with a
     * success status and a body the connector cannot read: cut-off JSON, say.
     */
    protected void givenMalformedAnswers() {
        notArranged("givenMalformedAnswers()", "unreadable answers");
    }

    /**
     * From now on the fake shop cannot be reached: it resets or refuses every connection without an
     * answer (WireMock: {@code aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)}).
     */
    protected void givenShopDown() {
        notArranged("givenShopDown()", "a shop that cannot be reached");
    }

    /**
     * From now on the fake shop holds exactly {@code before + after} orders, each with its own id and at
     * least one product line, placed after 2000-01-01 and not after their last change: {@code before}
     * of them last modified before {@code bound} and {@code after} of them after it, none within a
     * second of it. It answers an incremental order query the way the real shop does, leaving out
     * orders modified before the query's bound. The suite asks for fewer orders than a page holds.
     *
     * @param bound a whole second in 2024
     */
    protected void givenOrdersModifiedAround(Instant bound, int before, int after) {
        notArranged("givenOrdersModifiedAround(Instant, int, int)", "orders modified around a bound");
    }

    /**
     * From now on the fake shop holds exactly {@code count} orders, each with its own id, placed after
     * 2000-01-01, with at least one product line, and the listings their lines sold: a line that names
     * a listing names one {@link ShopConnector#listing} finds. Lines the shop links to no listing are
     * allowed.
     */
    protected void givenOrdersSellingListings(int count) {
        notArranged("givenOrdersSellingListings(int)", "orders together with the listings they sold");
    }

    /**
     * Skips the calling test: call it from a {@code given…} hook when the connector's shop cannot be put
     * in that situation, saying why (e.g. "the shop has no rate limit").
     */
    protected static void cannotArrange(String reason) {
        Assumptions.abort("the connector's test cannot arrange this: " + reason);
    }

    private void notArranged(String hook, String situation) {
        Assumptions.abort(getClass().getSimpleName() + " does not arrange " + situation + ": override " + hook
                + " to run this check");
    }

    @Test
    public void descriptorIsUsableByTheHost() {
        ConnectorDescriptor descriptor = connector().descriptor();

        assertThat(descriptor.id()).matches(CONNECTOR_ID);
        assertThat(descriptor.name()).isNotBlank();
        assertThat(descriptor.defaultBaseUrl().isAbsolute()).as("default base URL is absolute").isTrue();
        assertThat(descriptor.defaultBaseUrl().getScheme()).isIn("https", "http");
        List<CredentialField> fields = descriptor.credentialFields();
        assertThat(fields).as("credential fields").anyMatch(CredentialField::required);
        assertThat(fields).extracting(CredentialField::name).doesNotHaveDuplicates().allMatch(name -> !name.isBlank());
        assertThat(fields).extracting(CredentialField::label).allMatch(label -> !label.isBlank());
        assertThat(fields)
                .filteredOn(field -> SECRET_SOUNDING.matcher(field.name()).matches())
                .as("fields named like a key, secret, token or password are flagged secret")
                .allMatch(CredentialField::secret);
    }

    @Test
    public void goodConnectionCarriesEveryRequiredField() {
        Connection connection = goodConnection();
        for (CredentialField field : connector().descriptor().credentialFields()) {
            if (field.required()) {
                assertThat(connection.credential(field.name())).as(field.name()).isNotBlank();
            }
        }
    }

    @Test
    public void validateAcceptsGoodCredentials() {
        connector().validate(goodConnection());
    }

    @Test
    public void validateRejectsBadCredentialsWithoutEchoingThem() {
        InvalidCredentialsException rejected = catchThrowableOfType(InvalidCredentialsException.class,
                () -> connector().validate(badCredentialsConnection()));

        assertThat(rejected).as("InvalidCredentialsException").isNotNull();
        assertThat(rejected.retryable()).isFalse();
        assertNoSecretIn(rejected.getMessage(), badCredentialsConnection());
    }

    @Test
    public void connectionTextHasNoSecrets() {
        assertNoSecretIn(goodConnection().toString(), goodConnection());
        assertNoSecretIn(badCredentialsConnection().toString(), badCredentialsConnection());
    }

    @Test
    public void emptyShopHasOneEmptyLastPageOfListings() {
        givenListings(0, 0);

        Page<Listing> first = connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start());

        assertThat(first.items()).isEmpty();
        assertThat(first.hasNext()).isFalse();
    }

    @Test
    public void pagingThroughListingsReturnsEachExactlyOnce() {
        int count = 2 * pageSize() + 3;
        givenListings(count, 0);

        List<Listing> all = collect(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor));

        assertThat(all).hasSize(count);
        assertThat(all).extracting(Listing::externalId).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
    }

    @Test
    public void unnamedListingsAreReturned() {
        givenListings(6, 4);

        List<Listing> all = collect(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor));

        assertThat(all).hasSize(6);
        assertThat(all).filteredOn(listing -> !listing.hasName()).hasSize(4);
        assertThat(all).filteredOn(Listing::hasName).hasSize(2);
    }

    @Test
    public void aCursorCanBeUsedAgain() {
        givenListings(pageSize() + 1, 0);
        Page<Listing> first = connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start());
        assertThat(first.next()).as("a second page").isPresent();
        Cursor second = first.next().orElseThrow();

        // the host resumes from a stored cursor after a crash, possibly more than once
        Page<Listing> once = connector().listings(goodConnection(), ListingQuery.everything(), second);
        Page<Listing> again = connector().listings(goodConnection(), ListingQuery.everything(), second);

        assertThat(again.items()).extracting(Listing::externalId)
                .containsExactlyElementsOf(once.items().stream().map(Listing::externalId).toList());
    }

    @Test
    public void aListingCanBeFetchedByItsId() {
        givenListings(3, 0);
        Listing known = connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start()).items().get(1);

        assertThat(connector().listing(goodConnection(), known.externalId()))
                .hasValueSatisfying(found -> assertThat(found.externalId()).isEqualTo(known.externalId()));
    }

    @Test
    public void anUnknownListingIsEmpty() {
        givenListings(3, 0);

        assertThat(connector().listing(goodConnection(), unknownListingId())).isEmpty();
    }

    @Test
    public void emptyShopHasOneEmptyLastPageOfOrders() {
        givenOrders(0);

        Page<ShopOrder> first = connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), Cursor.start());

        assertThat(first.items()).isEmpty();
        assertThat(first.hasNext()).isFalse();
    }

    @Test
    public void pagingThroughOrdersReturnsEachExactlyOnce() {
        int count = 2 * pageSize() + 3;
        givenOrders(count);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));

        assertThat(all).hasSize(count);
        assertThat(all).extracting(ShopOrder::externalId).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
        assertThat(all).allSatisfy(order -> assertThat(order.lines()).as("lines of " + order.externalId()).isNotEmpty());
    }

    @Test
    public void incrementalOrderQueriesPageToTheEndToo() {
        givenOrders(pageSize() + 1);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(),
                OrderQuery.modifiedSince(LONG_AGO, LONG_AGO), cursor));

        assertThat(all).hasSize(pageSize() + 1);
    }

    @Test
    public void anUnavailableShopIsRetryable() {
        givenUnavailable();

        assertUnavailable(() -> connector().validate(goodConnection()));
        assertUnavailable(() -> connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start()));
        assertUnavailable(() -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), Cursor.start()));
    }

    @Test
    public void aStoredListingCursorResumesTheRead() {
        givenListings(2 * pageSize() + 3, 0);

        assertResumable(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor), Listing::externalId);
    }

    @Test
    public void aStoredOrderCursorResumesTheRead() {
        givenOrders(2 * pageSize() + 3);

        assertResumable(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor),
                ShopOrder::externalId);
    }

    @Test
    public void aStoredIncrementalOrderCursorResumesTheRead() {
        givenOrders(2 * pageSize() + 3);

        assertResumable(cursor -> connector().orders(goodConnection(), OrderQuery.modifiedSince(LONG_AGO, LONG_AGO), cursor),
                ShopOrder::externalId);
    }

    @Test
    public void listingIdsAreUniqueWithinEachPage() {
        givenListings(2 * pageSize() + 3, 0);

        eachPage(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor), (page, number) ->
                assertThat(page.items()).extracting(Listing::externalId).as("listing ids of page %d", number)
                        .doesNotHaveDuplicates());
    }

    @Test
    public void orderIdsAreUniqueWithinEachPage() {
        givenOrders(2 * pageSize() + 3);

        eachPage(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor), (page, number) ->
                assertThat(page.items()).extracting(ShopOrder::externalId).as("order ids of page %d", number)
                        .doesNotHaveDuplicates());
    }

    @Test
    public void incrementalOrderQueriesLeaveOutOrdersModifiedBeforeTheBound() {
        givenOrdersModifiedAround(MODIFIED_BOUND, 3, 4);

        List<ShopOrder> everything = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));
        List<ShopOrder> changed = collect(cursor -> connector().orders(goodConnection(),
                OrderQuery.modifiedSince(LONG_AGO, MODIFIED_BOUND), cursor));

        assertThat(everything).as("all orders of the shop").hasSize(7);
        assertThat(changed).allSatisfy(order -> assertThat(order.modifiedAt())
                .as("modification time of %s, asked for orders modified since %s", order.externalId(), MODIFIED_BOUND)
                .isAfterOrEqualTo(MODIFIED_BOUND));
        assertThat(changed).extracting(ShopOrder::externalId).as("orders modified since %s", MODIFIED_BOUND)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(everything.stream()
                        .filter(order -> !order.modifiedAt().isBefore(MODIFIED_BOUND)).map(ShopOrder::externalId).toList());
    }

    @Test
    public void everyOrderLineHasAQuantityOfAtLeastOne() {
        givenOrders(pageSize() + 1);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));

        assertThat(all).isNotEmpty().allSatisfy(order -> {
            assertThat(order.lines()).extracting(OrderLine::quantity).as("quantities of %s", order.externalId())
                    .allMatch(quantity -> quantity >= 1);
            assertThat(order.lines()).extracting(OrderLine::externalId).as("line ids of %s", order.externalId())
                    .doesNotHaveDuplicates();
        });
    }

    @Test
    public void orderLinesNameListingsTheConnectorCanFetch() {
        givenOrdersSellingListings(3);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));

        assertThat(all).as("orders").hasSize(3);
        Set<String> named = new LinkedHashSet<>();
        all.forEach(order -> order.lines().forEach(line -> named.add(line.listingExternalId())));
        named.remove("");
        for (String id : named) {
            assertThat(id).as("listing id on an order line").isNotBlank();
            assertThat(connector().listing(goodConnection(), id)).as("listing %s named by an order line", id)
                    .hasValueSatisfying(found -> assertThat(found.externalId()).isEqualTo(id));
        }
    }

    @Test
    public void aUsedUpRateLimitSurfacesAsRateLimited() {
        givenRateLimited();

        for (Runnable call : calls()) {
            RateLimitedException limited = assertFails(call, RateLimitedException.class, true);
            assertThat(limited.retryAfter()).as("retryAfter").isNotNull();
            assertThat(limited.retryAfter().isNegative()).as("retryAfter %s is negative", limited.retryAfter()).isFalse();
        }
    }

    @Test
    public void anAccountWithoutApiAccessIsDenied() {
        givenAccessDenied();

        for (Runnable call : calls()) {
            assertFails(call, ApiAccessDeniedException.class, false);
        }
    }

    @Test
    public void anUnreadableAnswerIsMalformed() {
        givenMalformedAnswers();

        for (Runnable call : calls()) {
            assertFails(call, MalformedResponseException.class, false);
        }
    }

    @Test
    public void aShopThatCannotBeReachedIsUnavailable() {
        givenShopDown();

        for (Runnable call : calls()) {
            assertFails(call, ShopUnavailableException.class, true);
        }
    }

    private void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ShopUnavailableException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue())
                .satisfies(e -> assertNoSecretIn(e.getMessage(), goodConnection()));
    }

    /** validate, a first page of listings and a first page of orders. */
    private List<Runnable> calls() {
        return List.of(
                () -> connector().validate(goodConnection()),
                () -> connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start()),
                () -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), Cursor.start()));
    }

    private <E extends ConnectorException> E assertFails(Runnable call, Class<E> type, boolean retryable) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("what the connector threw").isInstanceOf(type);
        E failure = type.cast(thrown);
        assertThat(failure.retryable()).as("%s.retryable()", type.getSimpleName()).isEqualTo(retryable);
        assertNoSecretIn(failure.getMessage(), goodConnection());
        return failure;
    }

    /**
     * Reads the first page, keeps its cursor's value as the host stores it (a string), and reads on from
     * a new cursor of that value: the result must be what one uninterrupted read returns.
     */
    private <T> void assertResumable(Function<Cursor, Page<T>> fetch, Function<T, String> id) {
        List<String> uninterrupted = collect(fetch).stream().map(id).toList();

        Page<T> first = fetch.apply(Cursor.start());
        assertThat(first.next()).as("a second page").isPresent();
        String stored = new String(first.next().orElseThrow().value().toCharArray());
        List<String> resumed = new ArrayList<>(first.items().stream().map(id).toList());
        resumed.addAll(collectFrom(Cursor.of(stored), fetch).stream().map(id).toList());

        assertThat(resumed).as("ids read before and after resuming from cursor %s", stored)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(uninterrupted);
    }

    private <T> void eachPage(Function<Cursor, Page<T>> fetch, ObjIntConsumer<Page<T>> check) {
        Cursor cursor = Cursor.start();
        for (int pages = 1; pages <= PAGE_LIMIT; pages++) {
            Page<T> page = fetch.apply(cursor);
            check.accept(page, pages);
            if (page.next().isEmpty()) {
                return;
            }
            cursor = page.next().get();
        }
        throw new AssertionError("paging did not end after " + PAGE_LIMIT + " pages");
    }

    private <T> List<T> collect(Function<Cursor, Page<T>> fetch) {
        return collectFrom(Cursor.start(), fetch);
    }

    private <T> List<T> collectFrom(Cursor start, Function<Cursor, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        Set<String> cursorsSeen = new HashSet<>();
        Cursor cursor = start;
        for (int pages = 0; pages < PAGE_LIMIT; pages++) {
            Page<T> page = fetch.apply(cursor);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            cursor = page.next().get();
            assertThat(cursorsSeen.add(cursor.value())).as("cursor %s handed out twice", cursor.value()).isTrue();
        }
        throw new AssertionError("paging did not end after " + PAGE_LIMIT + " pages");
    }

    private void assertNoSecretIn(String text, Connection connection) {
        if (text == null) {
            return;
        }
        for (CredentialField field : connector().descriptor().credentialFields()) {
            String value = connection.credential(field.name());
            if (field.secret() && value.length() >= 4) {
                assertThat(text).as("text shown to users").doesNotContain(value);
            }
        }
    }
}
