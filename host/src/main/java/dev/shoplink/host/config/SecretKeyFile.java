package dev.shoplink.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The AES-256 key that encrypts shop credentials: {@code SHOPLINK_SECRET_KEY}, else {@code data/secret.key}. */
public final class SecretKeyFile {
    public static final String FILE_NAME = "secret.key";

    private SecretKeyFile() {
    }

    /**
     * Loads the key. A new key file is only created when {@code mayCreate} (the database holds no
     * encrypted credentials yet): a missing key must fail loudly, never silently replace the one
     * the stored credentials need.
     */
    public static SecretKey load(HostConfig config, boolean mayCreate) {
        if (config.secretKey().isPresent()) {
            return decode(config.secretKey().get(), "SHOPLINK_SECRET_KEY");
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                return decode(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
            }
            if (!mayCreate) {
                throw new ConfigException("the secret key file " + file + " is missing but the database holds encrypted"
                        + " shop credentials: restore the file (or set SHOPLINK_SECRET_KEY) from your backup");
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            AdminToken.OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(key) + "\n");
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the secret key in " + source + " is not base64");
        }
        if (key.length != 16 && key.length != 32) {
            throw new ConfigException("the secret key in " + source + " must be 16 or 32 bytes (base64), got " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
