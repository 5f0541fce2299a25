package dev.shoplink.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's bearer token: the configured one, else the one stored in the data folder,
 * else a new random one written there readable by the owner only.
 *
 * @param value the token
 * @param source where it came from, for the start-up log (never the token itself)
 */
public record AdminToken(String value, String source) {
    public static final String FILE_NAME = "admin-token";

    public static AdminToken resolve(HostConfig config) {
        if (config.adminToken().isPresent()) {
            return new AdminToken(config.adminToken().get(), "SHOPLINK_ADMIN_TOKEN");
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return new AdminToken(stored, file.toString());
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            OwnerOnlyFiles.write(file, token + "\n");
            return new AdminToken(token, file + " (generated now)");
        } catch (FileAlreadyExistsException e) {
            return resolve(config);
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[source=" + source + "]";
    }

    /** Writing files that only the owner may read. */
    static final class OwnerOnlyFiles {
        private OwnerOnlyFiles() {
        }

        static void write(Path file, String content) throws IOException {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    tmp.toFile().setReadable(false, false);
                    tmp.toFile().setReadable(true, true);
                }
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                    channel.force(true); // a key must be on disk before anything encrypted with it is committed
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
