package dev.shoplink.host.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.CredentialKind;
import dev.shoplink.host.domain.FieldError;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credential form's field-by-field check (plugin API 1.1 kinds and patterns; the 1.0 rules kept). */
class CredentialFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final CredentialField SHOP = new CredentialField("shopDomain", "Shop domain", true, false,
            CredentialKind.DOMAIN, "[a-z0-9][a-z0-9-]*\\.myshopify\\.com", "roaster.myshopify.com",
            "Your shop's myshopify.com address.");
    private static final CredentialField TOKEN = CredentialField.secret("accessToken", "Admin API access token",
            "Settings › Apps › Develop apps").withPattern("shpat_[0-9a-f]{32}", "shpat_…");
    private static final CredentialField WEBHOOK = new CredentialField("callbackUrl", "Callback URL", false, false,
            CredentialKind.URL, "", "", "");
    private static final CredentialField NOTE = new CredentialField("note", "Note", false, false, CredentialKind.TEXT,
            "[A-Z]{3}", "", "");
    private static final ConnectorDescriptor FORM = new ConnectorDescriptor("kit", "Kit shop",
            List.of(SHOP, TOKEN, WEBHOOK, NOTE), URI.create("https://api.kit.example"));
    private static final String GOOD_TOKEN = "shpat_0123456789abcdef0123456789abcdef";

    private static JsonNode json(Map<String, ?> values) {
        return JSON.valueToTree(values);
    }

    private static CredentialFields.Checked check(Map<String, ?> sent) {
        return CredentialFields.check(json(sent), FORM, Map.of());
    }

    private static Map<String, String> errors(CredentialFields.Checked checked) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError e : checked.errors()) {
            out.put(e.field(), e.message());
        }
        return out;
    }

    @Test
    void aCompleteFormIsStoredNormalised() {
        CredentialFields.Checked checked = check(Map.of("shopDomain", "  Roaster.MyShopify.com ", "accessToken", GOOD_TOKEN,
                "callbackUrl", "https://hooks.example.com/shoplink"));
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.valid()).isTrue();
        assertThat(checked.values()).containsExactly(Map.entry("shopDomain", "roaster.myshopify.com"),
                Map.entry("accessToken", GOOD_TOKEN), Map.entry("callbackUrl", "https://hooks.example.com/shoplink"));
    }

    @Test
    void everyProblemOfTheFormIsReportedAtOnceOnItsField() {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("shopDomain", "https://roaster.myshopify.com");
        sent.put("accessToken", "  ");
        sent.put("callbackUrl", "hooks.example.com");
        sent.put("note", 42);
        sent.put("apiKey", "from another connector");
        assertThat(errors(check(sent))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "credentials.apiKey", "is not a field of the Kit shop connector (its fields: shopDomain, accessToken,"
                        + " callbackUrl, note)",
                "credentials.shopDomain", "must be a host name such as roaster.myshopify.com, without https://",
                "credentials.accessToken", "is required",
                "credentials.callbackUrl", "must be an absolute http(s) URL such as https://shop.example.com",
                "credentials.note", "must be a string"));
    }

    @Test
    void aRequiredFieldMissingNullOrBlankIsRequired() {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("shopDomain", null);
        sent.put("accessToken", "");
        assertThat(errors(check(sent))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "credentials.shopDomain", "is required", "credentials.accessToken", "is required"));
        assertThat(errors(check(Map.of()))).containsOnlyKeys("credentials.shopDomain", "credentials.accessToken");
    }

    @Test
    void anOptionalFieldLeftEmptyIsLeftOut() {
        CredentialFields.Checked checked = check(Map.of("shopDomain", "roaster.myshopify.com", "accessToken", GOOD_TOKEN,
                "callbackUrl", "", "note", " "));
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.values()).doesNotContainKeys("callbackUrl", "note");
    }

    @Test
    void aStoredValueMayBeLeftOutButNotClearedAndAChangeIsChecked() {
        Map<String, String> stored = Map.of("shopDomain", "roaster.myshopify.com", "accessToken", GOOD_TOKEN);
        CredentialFields.Checked kept = CredentialFields.check(json(Map.of()), FORM, stored);
        assertThat(kept.errors()).isEmpty();
        assertThat(kept.values()).isEqualTo(stored);

        assertThat(errors(CredentialFields.check(json(Map.of("accessToken", "")), FORM, stored)))
                .containsExactly(Map.entry("credentials.accessToken", "must not be empty"));
        assertThat(errors(CredentialFields.check(json(Map.of("accessToken", "shpat_short")), FORM, stored)))
                .containsExactly(Map.entry("credentials.accessToken", "must look like shpat_…"));

        String rotated = "shpat_ffffffffffffffffffffffffffffffff";
        assertThat(CredentialFields.check(json(Map.of("accessToken", rotated)), FORM, stored).values())
                .containsEntry("accessToken", rotated).containsEntry("shopDomain", "roaster.myshopify.com");
    }

    @Test
    void aPatternMustMatchTheWholeValueAndItsMessageShowsTheHint() {
        assertThat(CredentialFields.value(SHOP, "roaster.myshopify.com.evil.example").problem())
                .contains("must look like roaster.myshopify.com");
        assertThat(CredentialFields.value(SHOP, "roaster.example.com").problem()).contains("must look like roaster.myshopify.com");
        // the kind's normalisation comes first: upper case passes a lower-case pattern
        assertThat(CredentialFields.value(SHOP, "ROASTER.myshopify.com").value()).isEqualTo("roaster.myshopify.com");
        assertThat(CredentialFields.value(TOKEN, "xx" + GOOD_TOKEN).problem()).contains("must look like shpat_…");
        // without a hint the message quotes the pattern
        assertThat(CredentialFields.value(NOTE, "abc").problem()).contains("does not have the expected form (it must match [A-Z]{3})");
        assertThat(CredentialFields.value(NOTE, "ABC").problem()).isEmpty();
    }

    @Test
    void aDomainIsAHostNameOnly() {
        CredentialField domain = new CredentialField("host", "Host", true, false, CredentialKind.DOMAIN, "", "", "");
        for (String ok : List.of("shop.example.com", "a.b", "localhost", "xn--rsterei-b1a.example", "1-2.example.com")) {
            assertThat(CredentialFields.value(domain, ok).problem()).as(ok).isEmpty();
        }
        assertThat(CredentialFields.value(domain, "Shop.Example.COM").value()).isEqualTo("shop.example.com");
        assertThat(CredentialFields.value(domain, "shop.example.com/admin").problem())
                .contains("must be a host name such as shop.example.com, without a path");
        assertThat(CredentialFields.value(domain, "shop.example.com:8443").problem())
                .contains("must be a host name such as shop.example.com, without a port");
        assertThat(CredentialFields.value(domain, "http://shop.example.com").problem())
                .contains("must be a host name such as shop.example.com, without http://");
        for (String bad : List.of("shop..example.com", ".shop.example.com", "shop.example.com.", "-shop.example.com",
                "shop-.example.com", "shop_1.example.com", "shop example.com", "röster.example.com", "a".repeat(64) + ".com")) {
            assertThat(CredentialFields.value(domain, bad).problem()).as(bad)
                    .contains("must be a host name such as shop.example.com (letters, digits, '-' and dots)");
        }
    }

    @Test
    void aUrlIsAnAbsoluteHttpOrHttpsAddress() {
        CredentialField url = new CredentialField("api", "API", true, false, CredentialKind.URL, "", "https://api.example.com", "");
        for (String ok : List.of("https://api.example.com", "http://127.0.0.1:8080/v1", "HTTPS://API.example.com/x?y=1")) {
            assertThat(CredentialFields.value(url, ok).problem()).as(ok).isEmpty();
            assertThat(CredentialFields.value(url, ok).value()).isEqualTo(ok);
        }
        for (String bad : List.of("api.example.com", "ftp://api.example.com", "https://", "https://exa mple.com", "/relative")) {
            assertThat(CredentialFields.value(url, bad).problem()).as(bad)
                    .contains("must be an absolute http(s) URL such as https://api.example.com");
        }
    }

    @Test
    void valuesAreLimitedInLength() {
        String tooLong = "x".repeat(CredentialFields.MAX_LENGTH + 1);
        assertThat(errors(CredentialFields.check(json(Map.of("note", tooLong)), FORM,
                Map.of("shopDomain", "a.myshopify.com", "accessToken", GOOD_TOKEN))))
                .containsExactly(Map.entry("credentials.note", "must be at most 2000 characters"));
    }

    @Test
    void aOnePointZeroFormIsCheckedAsBefore() {
        ConnectorDescriptor old = new ConnectorDescriptor("shipstation", "ShipStation", List.of(
                new CredentialField("apiKey", "API key", true, true), new CredentialField("apiSecret", "API secret", true, true)),
                URI.create("https://ssapi.shipstation.com"));
        assertThat(old.credentialFields()).extracting(CredentialField::kind).containsOnly(CredentialKind.SECRET);
        CredentialFields.Checked checked = CredentialFields.check(json(Map.of("apiKey", " Key With Spaces Inside ",
                "apiSecret", "s3cr3t://not/a/url")), old, Map.of());
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.values()).containsExactly(Map.entry("apiKey", "Key With Spaces Inside"),
                Map.entry("apiSecret", "s3cr3t://not/a/url"));
    }
}
