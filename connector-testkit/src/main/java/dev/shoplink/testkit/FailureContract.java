package dev.shoplink.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract's checks of failures: an unavailable or unreachable shop, a used-up rate limit, denied
 * API access and unreadable answers surface as the plugin API's exceptions, retryable exactly when the
 * API says so, and their messages hold no secret.
 */
abstract class FailureContract extends OrderContract {
    @Test
    public void anUnavailableShopIsRetryable() {
        givenUnavailable();

        assertUnavailable(() -> connector().validate(goodConnection()));
        assertUnavailable(() -> connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start()));
        assertUnavailable(() -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), Cursor.start()));
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
}
