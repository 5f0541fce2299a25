package dev.shoplink.host.domain;

import java.math.BigDecimal;

/** How the admin API writes an amount: a plain decimal string with at least two decimals ("14.5" → "14.50"). */
public final class Money {
    private Money() {
    }

    /** At least two decimals, more only where the shop gave more ("0.125" stays), never an exponent. */
    public static String text(BigDecimal value) {
        BigDecimal scaled = value.stripTrailingZeros();
        return (scaled.scale() < 2 ? scaled.setScale(2) : scaled).toPlainString();
    }
}
