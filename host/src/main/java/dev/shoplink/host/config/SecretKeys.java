package dev.shoplink.host.config;

import java.util.Optional;

/**
 * The credential keys given in the configuration ({@code SHOPLINK_SECRET_KEY},
 * {@code SHOPLINK_PREVIOUS_SECRET_KEY}), base64. Empty values mean the key files in the data folder.
 *
 * @param current the key new credentials are encrypted with
 * @param previous the key being rotated away from: at start-up, credentials still encrypted with it
 *                 are re-encrypted with {@code current} in one transaction
 */
public record SecretKeys(Optional<String> current, Optional<String> previous) {
}
