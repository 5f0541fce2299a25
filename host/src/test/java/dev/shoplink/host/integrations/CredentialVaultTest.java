package dev.shoplink.host.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplink.host.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CredentialVaultTest {
    private static final Map<String, String> CREDENTIALS = Map.of("apiKey", "key-0123456789abcdef", "apiSecret", "s3cret-ÄÖÜ-☕");

    private static SecretKey randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    private final CredentialVault vault = new CredentialVault(randomKey());

    @Test
    void decryptsWhatItEncrypted() {
        String sealed = vault.encrypt(CREDENTIALS, "integration:1");

        assertThat(vault.decrypt(sealed, "integration:1")).isEqualTo(CREDENTIALS);
    }

    @Test
    void theCiphertextShowsNoSecretAndDiffersEachTime() {
        String first = vault.encrypt(CREDENTIALS, "integration:1");
        String second = vault.encrypt(CREDENTIALS, "integration:1");

        assertThat(first).startsWith("v1:").isNotEqualTo(second);
        assertThat(first).doesNotContain("key-0123456789abcdef").doesNotContain("apiKey");
        String decoded = new String(Base64.getDecoder().decode(first.substring(3)), StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain("key-0123456789abcdef").doesNotContain("apiSecret");
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String sealed = vault.encrypt(CREDENTIALS, "integration:1");

        assertThatThrownBy(() -> new CredentialVault(randomKey()).decrypt(sealed, "integration:1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not decrypt with the configured secret key");
    }

    @Test
    void aCiphertextIsBoundToItsIntegration() {
        String sealed = vault.encrypt(CREDENTIALS, "integration:1");

        assertThatThrownBy(() -> vault.decrypt(sealed, "integration:2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not decrypt");
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        String sealed = vault.encrypt(CREDENTIALS, "integration:1");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> vault.decrypt(tampered, "integration:1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.decrypt("v1:not base64!", "integration:1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> vault.decrypt("plain text", "integration:1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format");
    }

    @Test
    void theKeyCheckPassesWithTheSameKey() {
        SecretKey key = randomKey();
        String check = new CredentialVault(key).newKeyCheck();

        assertThatCode(() -> new CredentialVault(key).checkAgainst(check)).doesNotThrowAnyException();
    }

    @Test
    void theKeyCheckDetectsAReplacedKey() {
        String check = vault.newKeyCheck();

        assertThatThrownBy(() -> new CredentialVault(randomKey()).checkAgainst(check))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret key does not match")
                .hasMessageContaining("restore data/secret.key (or SHOPLINK_SECRET_KEY)");
    }

    @Test
    void theKeyCheckIsNoOrdinaryCredential() {
        // a stored integration credential must not pass for a key check, nor the other way round
        String credentials = vault.encrypt(Map.of("check", "shoplink"), "integration:1");

        assertThatThrownBy(() -> vault.checkAgainst(credentials)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> vault.decrypt(vault.newKeyCheck(), "integration:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void maskShowsTheLastFourCharactersOfLongSecretsOnly() {
        assertThat(CredentialVault.mask("abcdefghijkl")).isEqualTo("••••ijkl");
        assertThat(CredentialVault.mask("123456789")).isEqualTo("••••6789");
        assertThat(CredentialVault.mask("12345678")).isEqualTo("••••");
        assertThat(CredentialVault.mask("abc")).isEqualTo("••••");
        assertThat(CredentialVault.mask("")).isEqualTo("••••");
    }
}
