/**
 * The Shoplink connector testkit: {@link dev.shoplink.testkit.ShopConnectorContract}, the JUnit
 * suite every connector passes. Add {@code dev.shoplink:shoplink-connector-testkit} to a connector
 * with test scope, extend the class in one test, implement its hooks so that they fill a WireMock
 * fake of the shop, and run it with the connector's other tests. The class's Javadoc lists the hooks
 * and what the fake must do.
 */
package dev.shoplink.testkit;
