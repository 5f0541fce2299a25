package dev.shoplink.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt shop credentials: {@code SHOPLINK_SECRET_KEY}, else
 * {@code data/secret.key}; while a rotation is pending also the previous key
 * ({@code SHOPLINK_PREVIOUS_SECRET_KEY}, else {@code data/secret.key.previous}).
 *
 * <p>A rotation of the key files ({@link #rotate}) never leaves a moment in which the key the stored
 * credentials need exists nowhere: the new key is written to {@code secret.key.next} first, then the
 * current key is renamed to {@code secret.key.previous}, then the new key to {@code secret.key}. A
 * crash between the two renames is completed by the next {@link #load}.
 */
public final class SecretKeyFile {
    public static final String FILE_NAME = "secret.key";
    public static final String PREVIOUS_FILE_NAME = "secret.key.previous";
    static final String NEXT_FILE_NAME = "secret.key.next";

    private SecretKeyFile() {
    }

    /**
     * Loads the current key. A new key file is only created when {@code mayCreate} (the database
     * holds no encrypted credentials yet): a missing key must fail loudly, never silently replace the
     * one the stored credentials need.
     */
    public static SecretKey load(HostConfig config, boolean mayCreate) {
        if (config.secretKeys().current().isPresent()) {
            return decode(config.secretKeys().current().get(), "SHOPLINK_SECRET_KEY");
        }
        Path dir = config.dataDir();
        Path file = dir.resolve(FILE_NAME);
        try {
            completeInterruptedRotation(dir);
            if (Files.isRegularFile(file)) {
                return decode(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
            }
            if (!mayCreate) {
                throw new ConfigException("the secret key file " + file + " is missing but the database holds encrypted"
                        + " shop credentials: restore the file (or set SHOPLINK_SECRET_KEY) from your backup");
            }
            byte[] key = newKey();
            AdminToken.OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(key) + "\n");
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key a pending rotation moves away from, if there is one. */
    public static Optional<SecretKey> previous(HostConfig config) {
        if (config.secretKeys().previous().isPresent()) {
            return Optional.of(decode(config.secretKeys().previous().get(), "SHOPLINK_PREVIOUS_SECRET_KEY"));
        }
        Path file = config.dataDir().resolve(PREVIOUS_FILE_NAME);
        if (config.secretKeys().current().isPresent() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString()));
        } catch (IOException e) {
            throw new ConfigException("cannot read the previous secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Called once no stored value needs the previous key: deletes {@code secret.key.previous}. A
     * previous key given as {@code SHOPLINK_PREVIOUS_SECRET_KEY} is the operator's to remove; the
     * answer says so.
     */
    public static String retirePrevious(HostConfig config) {
        if (config.secretKeys().previous().isPresent()) {
            return "SHOPLINK_PREVIOUS_SECRET_KEY is no longer needed and can be removed from the configuration";
        }
        Path file = config.dataDir().resolve(PREVIOUS_FILE_NAME);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            return "could not delete " + file + " (" + e.getMessage() + "); it is no longer needed";
        }
        return "the previous key file " + file + " was deleted";
    }

    /**
     * {@code shoplink rotate-key}: puts a fresh key in place of {@code data/secret.key} and keeps the
     * old one as {@code secret.key.previous} until the next start has re-encrypted every stored
     * credential with the new key. A running host keeps using the key it started with until then.
     *
     * @return what was done, for the operator
     */
    public static String rotate(HostConfig config) {
        if (config.secretKeys().current().isPresent()) {
            throw new ConfigException("the key is given as SHOPLINK_SECRET_KEY, not as a file: to rotate it, set"
                    + " SHOPLINK_PREVIOUS_SECRET_KEY to the current value and SHOPLINK_SECRET_KEY to a new one"
                    + " (openssl rand -base64 32), then restart the host");
        }
        Path dir = config.dataDir();
        Path file = dir.resolve(FILE_NAME);
        Path previous = dir.resolve(PREVIOUS_FILE_NAME);
        Path next = dir.resolve(NEXT_FILE_NAME);
        try {
            completeInterruptedRotation(dir);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("there is no key file " + file + " to rotate (is SHOPLINK_DATA_DIR right?)");
            }
            if (Files.exists(previous)) {
                throw new ConfigException("a rotation is still pending (" + previous + " exists): start the host once so"
                        + " that it re-encrypts the stored credentials, then rotate again");
            }
            decode(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
            Files.deleteIfExists(next);
            AdminToken.OwnerOnlyFiles.write(next, Base64.getEncoder().encodeToString(newKey()) + "\n");
            move(file, previous);
            move(next, file);
            return "a new key is in " + file + "; the old one is kept as " + previous + " until the next start of the"
                    + " host has re-encrypted every stored shop credential with the new key. Back up the new key.";
        } catch (IOException e) {
            throw new ConfigException("cannot rotate the secret key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A crash between the two renames of {@link #rotate} left the new key only in {@code secret.key.next}. */
    private static void completeInterruptedRotation(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        Path next = dir.resolve(NEXT_FILE_NAME);
        if (!Files.exists(file) && Files.isRegularFile(next) && Files.isRegularFile(dir.resolve(PREVIOUS_FILE_NAME))) {
            move(next, file);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
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
