package dev.shoplink.host.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShopKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://shop.example.com",
            "http://shop.example.com",
            "https://www.shop.example.com",
            "HTTPS://Shop.Example.COM",
            "https://shop.example.com/",
            "https://shop.example.com///",
            "https://shop.example.com:443",
            "http://shop.example.com:80/",
            "  https://www.SHOP.example.com/  "})
    void spellingsOfOneShopGiveOneKey(String url) {
        assertThat(ShopKey.of("shipstation", url)).isEqualTo("shipstation:shop.example.com");
    }

    @Test
    void anUnusualPortIsPartOfTheShop() {
        assertThat(ShopKey.of("shipstation", "https://shop.example.com:8443/")).isEqualTo("shipstation:shop.example.com:8443");
        assertThat(ShopKey.of("shipstation", "https://shop.example.com:8443"))
                .isNotEqualTo(ShopKey.of("shipstation", "https://shop.example.com"));
    }

    @Test
    void thePathIsPartOfTheShopWithoutCaseOrTrailingSlash() {
        assertThat(ShopKey.of("shipstation", "https://example.com/Stores/Main/"))
                .isEqualTo("shipstation:example.com/stores/main")
                .isEqualTo(ShopKey.of("shipstation", "https://www.example.com/stores/main"))
                .isNotEqualTo(ShopKey.of("shipstation", "https://example.com/stores/other"));
    }

    @Test
    void onlyALeadingWwwIsDropped() {
        assertThat(ShopKey.of("shipstation", "https://shop.www.example.com")).isEqualTo("shipstation:shop.www.example.com");
        assertThat(ShopKey.of("shipstation", "https://wwwshop.example.com")).isEqualTo("shipstation:wwwshop.example.com");
    }

    @Test
    void theConnectorIsPartOfTheKey() {
        assertThat(ShopKey.of("shopify", "https://shop.example.com"))
                .isEqualTo("shopify:shop.example.com")
                .isNotEqualTo(ShopKey.of("shipstation", "https://shop.example.com"));
    }
}
