package dev.shoplink.host.integrations;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
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
import org.junit.jupiter.api.Nested;
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

    /** The key in the data folder's key file, with one integration stored under it. */
    @Nested
    class KeyFile {
        Map<String, String> env;
        long id;
        Path keyFile;
        Path previousFile;
        String oldKey;

        @BeforeEach
        void integrationUnderTheKeyFile() throws IOException {
            env = TestHost.env(dir, TestHost.NO_SHOP);
            id = withHost(env, calls -> calls.createIntegration(account, START));
            keyFile = dir.resolve("data").resolve(SecretKeyFile.FILE_NAME);
            previousFile = dir.resolve("data").resolve(SecretKeyFile.PREVIOUS_FILE_NAME);
            oldKey = Files.readString(keyFile);
        }

        @Test
        void isRotatedToANewKeyKeepingTheOldOneAsThePrevious() throws IOException {
            // when
            String said = SecretKeyFile.rotate(config(env));

            // then
            assertThat(said).contains("secret.key.previous");
            assertThat(Files.readString(keyFile)).isNotEqualTo(oldKey);
            assertThat(Files.readString(previousFile)).isEqualTo(oldKey);
        }

        @Test
        void isNotRotatedAgainBeforeTheNextStart() {
            // given
            SecretKeyFile.rotate(config(env));

            // when, then
            assertThatThrownBy(() -> SecretKeyFile.rotate(config(env)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("a rotation is still pending");
        }

        @Test
        void rotatedIsCompletedByTheNextStartWhichReencryptsEveryCredential() {
            // given
            SecretKeyFile.rotate(config(env));

            // when
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));

            // then
            assertThat(previousFile).doesNotExist();
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));
        }

        @Test
        void theOldKeyNoLongerOpensTheStoreOnceTheRotationIsComplete() throws IOException {
            // given
            SecretKeyFile.rotate(config(env));
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));

            // when
            Files.writeString(keyFile, oldKey);

            // then
            assertThatThrownBy(() -> withHost(env, calls -> 0L))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("does not match");
        }

        @Test
        void aRotationInterruptedBetweenItsTwoRenamesIsCompletedAtTheNextStart() throws IOException {
            // given the state a crash after the first rename leaves: the new key only in secret.key.next
            Path data = dir.resolve("data");
            SecretKeyFile.rotate(config(env));
            Files.move(data.resolve(SecretKeyFile.FILE_NAME), data.resolve("secret.key.next"));

            // when
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));

            // then
            assertThat(data.resolve(SecretKeyFile.FILE_NAME)).exists();
            assertThat(data.resolve("secret.key.next")).doesNotExist();
            assertThat(data.resolve(SecretKeyFile.PREVIOUS_FILE_NAME)).doesNotExist();
        }
    }

    /** A key given in SHOPLINK_SECRET_KEY, with one integration stored under it. */
    @Nested
    class KeyInTheEnvironment {
        final String first = newKey();
        final String second = newKey();
        Map<String, String> env;
        long id;

        @BeforeEach
        void integrationUnderTheFirstKey() {
            env = new HashMap<>(TestHost.env(dir, TestHost.NO_SHOP));
            env.put("SHOPLINK_SECRET_KEY", first);
            id = withHost(env, calls -> calls.createIntegration(account, START));
        }

        @Test
        void isNotRotatedByTheKeyFileCommandWhichNamesThePreviousKeyVariable() {
            assertThatThrownBy(() -> SecretKeyFile.rotate(config(env)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("SHOPLINK_PREVIOUS_SECRET_KEY");
        }

        @Test
        void rotatesWithThePreviousKeyVariableAndASecondStartChangesNothing() {
            // when
            env.put("SHOPLINK_SECRET_KEY", second);
            env.put("SHOPLINK_PREVIOUS_SECRET_KEY", first);

            // then
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));
        }

        @Test
        void onceRotatedTheNewKeyAloneOpensTheStoreAndTheFirstNoLonger() {
            // given
            env.put("SHOPLINK_SECRET_KEY", second);
            env.put("SHOPLINK_PREVIOUS_SECRET_KEY", first);
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));

            // when
            env.remove("SHOPLINK_PREVIOUS_SECRET_KEY");

            // then
            withHost(env, calls -> assertSyncUsesTheStoredKeys(calls, id));
            env.put("SHOPLINK_SECRET_KEY", first);
            assertThatThrownBy(() -> withHost(env, calls -> 0L))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("does not match");
        }

        @Test
        void aPreviousKeyThatIsNotTheStoredOneStopsTheStart() {
            // when
            env.put("SHOPLINK_SECRET_KEY", newKey());
            env.put("SHOPLINK_PREVIOUS_SECRET_KEY", newKey());

            // then
            assertThatThrownBy(() -> withHost(env, calls -> 0L))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("neither the secret key nor the previous");
        }
    }

    /** The shop only answers calls made with the account's key, so a listing proves it decrypted. */
    private static long assertSyncUsesTheStoredKeys(AdminCalls calls, long id) {
        assertThatJson(calls.syncAndWait(id, "products")).node("state").isEqualTo("SUCCEEDED");
        assertThatJson(calls.listings(id, "")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                [{"sku": "ETH-GUJI-250-WB"}]""");
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
