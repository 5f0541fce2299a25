package dev.shoplink.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What one "mutate K orders now" changed.
 *
 * @param modifiedAt the instant written as every changed order's {@code modifyDate}
 * @param modifyDate the same moment as ShipStation shows it (Pacific, seven fractional digits)
 * @param orderIds the changed orders, ascending
 */
public record MutationBatch(Instant modifiedAt, String modifyDate, List<Long> orderIds) {
}
