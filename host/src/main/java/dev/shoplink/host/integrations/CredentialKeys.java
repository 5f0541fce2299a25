package dev.shoplink.host.integrations;

import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.config.SecretKeyFile;
import dev.shoplink.host.db.HostSettingRepository;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the credential vault at start-up: proves the configured key against the stored key check
 * (the {@code key_check} row of {@code host_setting}, which this class alone uses), and finishes a
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
    private static final HostSettingRepository SETTINGS = new HostSettingRepository();

    private CredentialKeys() {
    }

    public static CredentialVault open(HostConfig config, Jdbi jdbi) {
        IntegrationRepository integrations = new IntegrationRepository();
        Optional<String> check = jdbi.withHandle(h -> SETTINGS.find(h, CHECK));
        // a key file may only be created while nothing is encrypted (asked only before the first check is stored)
        boolean mayCreate = check.isEmpty() && !jdbi.withHandle(integrations::anyEncryptedCredentials);
        CredentialVault vault = new CredentialVault(SecretKeyFile.load(config, mayCreate));
        Optional<SecretKey> previousKey = SecretKeyFile.previous(config);
        if (check.isEmpty()) {
            jdbi.useHandle(h -> SETTINGS.insert(h, CHECK, vault.newKeyCheck()));
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
        String check = SETTINGS.lock(h, CHECK);
        if (to.opens(check)) {
            return 0; // another host finished the rotation while this one waited for the lock
        }
        Map<Long, String> stored = integrations.encryptedCredentials(h);
        stored.forEach((id, value) -> integrations.replaceEncryptedCredentials(h, id,
                from.reencrypt(value, IntegrationService.context(id), to)));
        SETTINGS.update(h, CHECK, to.newKeyCheck());
        return stored.size();
    }
}
