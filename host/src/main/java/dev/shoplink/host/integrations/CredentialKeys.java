package dev.shoplink.host.integrations;

import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.config.SecretKeyFile;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the credential vault at start-up: proves the configured key against the stored key check
 * (the {@code key_check} row of {@code host_setting}, which this class alone owns), and finishes a
 * pending key rotation.
 *
 * <p>A rotation is pending while a previous key is configured ({@code secret.key.previous} or
 * {@code SHOPLINK_PREVIOUS_SECRET_KEY}). If the stored check still opens with the previous key, every
 * stored credential is decrypted with it and encrypted with the current key, and the check is
 * rewritten, in one transaction under a lock of the check's row: a crash leaves all values under the
 * old key or all under the new one, and two hosts starting together re-encrypt once.
 */
public final class CredentialKeys {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialKeys.class);
    private static final String CHECK = "key_check";

    private CredentialKeys() {
    }

    public static CredentialVault open(HostConfig config, Jdbi jdbi) {
        IntegrationRepository integrations = new IntegrationRepository();
        Optional<String> check = jdbi.withHandle(CredentialKeys::storedCheck);
        // a key file may only be created while nothing is encrypted (asked only before the first check is stored)
        boolean mayCreate = check.isEmpty() && !jdbi.withHandle(integrations::anyEncryptedCredentials);
        CredentialVault vault = new CredentialVault(SecretKeyFile.load(config, mayCreate));
        Optional<SecretKey> previousKey = SecretKeyFile.previous(config);
        if (check.isEmpty()) {
            jdbi.useHandle(h -> h.createUpdate("insert into host_setting (setting_name, setting_value) values (:n, :v)")
                    .bind("n", CHECK).bind("v", vault.newKeyCheck()).execute());
        } else if (!vault.opens(check.get())) {
            CredentialVault previous = new CredentialVault(previousKey.orElseThrow(CredentialVault::keyMismatch));
            if (!previous.opens(check.get())) {
                throw new ConfigException("neither the secret key nor the previous secret key matches the one the stored"
                        + " shop credentials were encrypted with: restore data/secret.key (or SHOPLINK_SECRET_KEY) from"
                        + " your backup");
            }
            int count = jdbi.inTransaction(h -> reencrypt(h, integrations, previous, vault));
            LOG.info("Key rotation finished: the credentials of {} integration(s) are now encrypted with the new key",
                    count);
        }
        if (previousKey.isPresent()) {
            LOG.info("Key rotation: {}", SecretKeyFile.retirePrevious(config));
        }
        return vault;
    }

    private static int reencrypt(Handle h, IntegrationRepository integrations, CredentialVault from, CredentialVault to) {
        String check = h.createQuery("select setting_value from host_setting where setting_name = :n for update")
                .bind("n", CHECK).mapTo(String.class).one();
        if (to.opens(check)) {
            return 0; // another host finished the rotation while this one waited for the lock
        }
        Map<Long, String> stored = integrations.encryptedCredentials(h);
        stored.forEach((id, value) -> integrations.replaceEncryptedCredentials(h, id,
                from.reencrypt(value, IntegrationService.context(id), to)));
        h.createUpdate("update host_setting set setting_value = :v where setting_name = :n")
                .bind("v", to.newKeyCheck()).bind("n", CHECK).execute();
        return stored.size();
    }

    private static Optional<String> storedCheck(Handle h) {
        return h.createQuery("select setting_value from host_setting where setting_name = :n")
                .bind("n", CHECK).mapTo(String.class).findOne();
    }
}
