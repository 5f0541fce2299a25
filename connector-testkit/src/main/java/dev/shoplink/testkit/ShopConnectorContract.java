package dev.shoplink.testkit;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ShopConnector;
import java.time.Instant;

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
 * <p>The test methods are public so that subclasses in any package inherit them. They are written in
 * parts, one behaviour group each, stacked as superclasses because a class has one superclass and
 * JUnit runs the test methods it inherits: {@link ContractHooks} (the hooks above and the checks the
 * parts share), {@link CredentialContract}, {@link ListingContract}, {@link OrderContract} and
 * {@link FailureContract}; this class adds nothing to them. The parts are package-private: extend this
 * class, never a part.
 */
public abstract class ShopConnectorContract extends FailureContract {
}
