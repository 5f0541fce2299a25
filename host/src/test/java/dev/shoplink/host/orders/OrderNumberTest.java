package dev.shoplink.host.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderNumberTest {
    @ParameterizedTest(name = "''{0}'' is ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1001|1001",
        "#1001|1001",
        "\" 1001 \"|1001",
        "\" #1001\"|1001",
        "\"# 1001\"|1001",
        "\"\t#1001\t\"|1001",
        "##1001|#1001",
        "A-1001|A-1001",
        "a-1001|a-1001",
        "1001#|1001#",
        "\"\"|\"\"",
        "#|\"\"",
    })
    void removesBlanksAndOneLeadingHash(String reference, String number) {
        assertThat(OrderNumber.normalize(reference)).isEqualTo(number);
    }
}
