/**
 * The Shoplink connector contract. Implement {@link dev.shoplink.api.ShopConnector}, return the
 * plain records of this package and throw its {@link dev.shoplink.api.ConnectorException}
 * subtypes; the host does everything else.
 */
package dev.shoplink.api;
