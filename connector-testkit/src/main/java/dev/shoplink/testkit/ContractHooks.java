package dev.shoplink.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.api.Connection;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.ShopConnector;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;

/**
 * What {@link ShopConnectorContract} needs from a connector's test: the connector, connections to its
 * fake shop and the {@code given…} hooks that fill the fake; the optional hooks skip their test with a
 * JUnit assumption unless overridden. The contract's parts extend it and share its checks.
 */
abstract class ContractHooks {
    /** Before every order and listing the suite arranges: "since then" means "all of them". */
    static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

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

    /** Fails when {@code text} holds the value of a secret credential field of {@code connection} (of 4 characters or more). */
    void assertNoSecretIn(String text, Connection connection) {
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
