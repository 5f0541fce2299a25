package dev.shoplink.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides, per authenticated API request, whether to inject a fault and which. Draws come from one
 * seeded stream in request order, so a sequential client sees the same faults on every run.
 */
final class FaultInjector {

    private final SplittableRandom random;

    FaultInjector(long seed) {
        this.random = ShopGenerator.random(seed, 0x5EED_00FAL, 0);
    }

    /** @return the fault to inject, or null for a normal response */
    synchronized FaultKind draw(double failRate, List<FaultKind> kinds) {
        if (failRate <= 0) {
            return null;
        }
        double roll = random.nextDouble();
        int kind = random.nextInt(kinds.size());
        return roll < failRate ? kinds.get(kind) : null;
    }
}
