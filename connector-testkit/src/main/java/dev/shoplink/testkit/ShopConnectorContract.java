package dev.shoplink.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every Shoplink connector shares, as a JUnit suite. A connector's test extends this
 * class, points it at a fake of its shop (WireMock, an embedded server, anything) and gets these
 * checks: a sane descriptor, credential validation, complete and terminating paging over listings
 * and orders, unnamed listings kept, an unreachable shop reported as retryable, and no secret in
 * a connection's text.
 *
 * <p>The subclass owns the fake shop's life cycle (start it in {@code @BeforeAll}/{@code
 * @BeforeEach}, reset it between tests). Each test calls at most one {@code given…} hook before
 * talking to the connector. The fake must at all times:
 * <ul>
 *   <li>answer the connector's credential check for {@link #goodConnection()} with success and
 *       reject every request made with {@link #badCredentialsConnection()} the way the real shop
 *       does;</li>
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

    private void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ShopUnavailableException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue())
                .satisfies(e -> assertNoSecretIn(e.getMessage(), goodConnection()));
    }

    private <T> List<T> collect(Function<Cursor, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        Set<String> cursorsSeen = new HashSet<>();
        Cursor cursor = Cursor.start();
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
