package dev.shoplink.host.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void amountsHaveTwoDecimalsAtLeastAndNoExponent() {
        assertThat(Money.text(new BigDecimal("14.5"))).isEqualTo("14.50");
        assertThat(Money.text(new BigDecimal("14"))).isEqualTo("14.00");
        assertThat(Money.text(new BigDecimal("14.5000"))).isEqualTo("14.50");
        assertThat(Money.text(new BigDecimal("0.125"))).as("a shop's third decimal is kept").isEqualTo("0.125");
        assertThat(Money.text(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(Money.text(BigDecimal.ZERO)).isEqualTo("0.00");
    }
}
