package dev.shoplink.simulator;

import java.util.Map;

/**
 * What the simulator has served since start (or the last reset). Only ShipStation API requests count;
 * the {@code /_sim} admin endpoints do not.
 *
 * @param requests API requests received, whatever their outcome
 * @param tooManyRequests requests answered 429
 * @param byPath requests per route template, e.g. {@code /orders} or {@code /products/{productId}}
 * @param byStatus responses per HTTP status (dropped connections have none and appear under faults)
 * @param faults injected faults per kind
 * @param mutatedOrders orders changed by "mutate K orders now"
 */
public record SimulatorStats(long requests, long tooManyRequests, Map<String, Long> byPath,
        Map<Integer, Long> byStatus, Map<FaultKind, Long> faults, long mutatedOrders) {
}
