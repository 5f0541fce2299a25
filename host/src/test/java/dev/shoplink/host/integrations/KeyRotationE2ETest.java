package dev.shoplink.host.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.config.SecretKeyFile;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the master key that encrypts shop credentials: the stored credentials survive, the old key
 * stops working, and an interrupted rotation is completed at the next start.
 */
class KeyRotationE2ETest {
    @TempDir
    Path dir;
    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    MemoryShop shop;
    MemoryShop.Account account;

    @BeforeEach
    void shop() {
        shop = new MemoryShop();
        account = shop.account().listings(MemoryShop.listing("9001", "ETH-GUJI-250-WB", "Ethiopia Guji",
                Instant.now().minus(Duration.ofDays(2))));
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void theKeyFileIsRotatedAndTheNextStartReencryptsEveryCredential() throws IOException {
        Map<String, String> env = TestHost.env(dir, TestHost.NO_SHOP);
        long id = withHost(env, calls -> calls.createIntegration(account, START));
        Path keyFile = dir.resolve("data").resolve(SecretKeyFile.FILE_NAME);
        Path previousFile = dir.resolve("data").resolve(SecretKeyFile.PREVIOUS_FILE_NAME);
        String oldKey = Files.readString(keyFile);

        String said = SecretKeyFile.rotate(config(env));

        assertThat(said).contains("secret.key.previous");
        assertThat(Files.readString(keyFile)).isNotEqualTo(oldKey);
        assertThat(Files.readString(previousFile)).isEqualTo(oldKey);
        assertThatThrownBy(() -> SecretKeyFile.rotate(config(env)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a rotation is still pending");

        withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));
        assertThat(previousFile).doesNotExist();
        withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));

        Files.writeString(keyFile, oldKey);
        assertThatThrownBy(() -> withHost(env, calls -> 0L))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not match");
    }

    @Test
    void aRotationInterruptedBetweenItsTwoRenamesIsCompletedAtTheNextStart() throws IOException {
        Map<String, String> env = TestHost.env(dir, TestHost.NO_SHOP);
        long id = withHost(env, calls -> calls.createIntegration(account, START));
        Path data = dir.resolve("data");
        SecretKeyFile.rotate(config(env));
        // the state a crash after the first rename leaves: the new key only in secret.key.next
        Files.move(data.resolve(SecretKeyFile.FILE_NAME), data.resolve("secret.key.next"));

        withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));

        assertThat(data.resolve(SecretKeyFile.FILE_NAME)).exists();
        assertThat(data.resolve("secret.key.next")).doesNotExist();
        assertThat(data.resolve(SecretKeyFile.PREVIOUS_FILE_NAME)).doesNotExist();
    }

    @Test
    void keysGivenInTheEnvironmentRotateWithThePreviousKeyVariable() {
        String first = newKey();
        String second = newKey();
        Map<String, String> env = new HashMap<>(TestHost.env(dir, TestHost.NO_SHOP));
        env.put("SHOPLINK_SECRET_KEY", first);
        long id = withHost(env, calls -> calls.createIntegration(account, START));
        assertThatThrownBy(() -> SecretKeyFile.rotate(config(env)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SHOPLINK_PREVIOUS_SECRET_KEY");

        env.put("SHOPLINK_SECRET_KEY", second);
        env.put("SHOPLINK_PREVIOUS_SECRET_KEY", first);
        withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));
        withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id)); // a second start with both keys changes nothing

        env.remove("SHOPLINK_PREVIOUS_SECRET_KEY");
        withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));
        env.put("SHOPLINK_SECRET_KEY", first);
        assertThatThrownBy(() -> withHost(env, calls -> 0L))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not match");
    }

    @Test
    void aPreviousKeyThatIsNotTheStoredOneStopsTheStart() {
        Map<String, String> env = new HashMap<>(TestHost.env(dir, TestHost.NO_SHOP));
        env.put("SHOPLINK_SECRET_KEY", newKey());
        withHost(env, calls -> calls.createIntegration(account, START));

        env.put("SHOPLINK_SECRET_KEY", newKey());
        env.put("SHOPLINK_PREVIOUS_SECRET_KEY", newKey());
        assertThatThrownBy(() -> withHost(env, calls -> 0L))
                .isInstanceOf(ConfigException.class).hasMessageContaining("neither the secret key nor the previous");
    }

    /** The shop only answers calls made with the account's key, so a listing proves it decrypted. */
    private static long assertSyncUsesTheStoredKeys(AdminCalls calls, long id) {
        assertThat(calls.syncAndWait(id, "products").path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(calls.listings(id, "")).extracting(l -> l.path("sku").asText()).containsExactly("ETH-GUJI-250-WB");
        return id;
    }

    private interface HostWork {
        long run(AdminCalls calls);
    }

    private long withHost(Map<String, String> env, HostWork work) {
        try (TestHost host = TestHost.startServing(dir, env, shop.connector())) {
            return work.run(new AdminCalls(host));
        }
    }

    private static HostConfig config(Map<String, String> env) {
        return new ConfigLoader(env, new Properties()).load();
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
