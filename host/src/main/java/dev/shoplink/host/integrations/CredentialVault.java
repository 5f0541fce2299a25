package dev.shoplink.host.integrations;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts shop credentials at rest with AES-GCM (the JDK's provider, a fresh 96-bit nonce per
 * value, 128-bit tag). The integration id is bound as associated data, so a ciphertext copied to
 * another row does not decrypt.
 */
public final class CredentialVault {
    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public CredentialVault(SecretKey key) {
        this.key = key;
    }

    public String encrypt(Map<String, String> credentials, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(new TreeMap<>(credentials)));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return FORMAT + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encrypt credentials: " + e.getClass().getSimpleName(), e);
        }
    }

    public Map<String, String> decrypt(String stored, String context) {
        if (!stored.startsWith(FORMAT)) {
            throw new IllegalStateException("stored credentials have an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return JSON.readValue(plain, new TypeReference<Map<String, String>>() { });
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored credentials do not decrypt with the configured secret key", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stored credentials are damaged", e);
        }
    }

    /**
     * Proves at start-up that the key is the one the database was written with; a replaced or
     * lost key must stop the host with a clear message, not surface later as garbage.
     */
    public void checkAgainst(String storedCheck) {
        if (!opens(storedCheck)) {
            throw keyMismatch();
        }
    }

    /** The start-up failure when the key does not open the stored key check. */
    static ConfigException keyMismatch() {
        return new ConfigException("the secret key does not match the one the stored shop credentials were encrypted"
                + " with: restore data/secret.key (or SHOPLINK_SECRET_KEY) from your backup");
    }

    /** Whether the stored key check was written with this vault's key. */
    public boolean opens(String storedCheck) {
        try {
            return "shoplink".equals(decrypt(storedCheck, "key-check").get("check"));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The value re-encrypted with {@code target}'s key, for the same row. */
    public String reencrypt(String stored, String context, CredentialVault target) {
        return target.encrypt(decrypt(stored, context), context);
    }

    public String newKeyCheck() {
        return encrypt(Map.of("check", "shoplink"), "key-check");
    }

    /** {@code ••••a1b2}: the last four characters of a secret, or only bullets for short values. */
    public static String mask(String secret) {
        if (secret.length() <= 8) {
            return "••••";
        }
        return "••••" + secret.substring(secret.length() - 4);
    }
}
