package dev.shoplink.host.db;

import dev.shoplink.host.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The data folder holds customers' names and addresses: it and the database files are readable by
 * the owner only ({@code 700} / {@code 600}) on file systems that know POSIX permissions.
 */
final class OwnerOnly {
    private OwnerOnly() {
    }

    static void directory(Path dir) {
        try {
            Files.createDirectories(dir);
            set(dir, "rwx------");
        } catch (IOException e) {
            throw new ConfigException("cannot create data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    static void filesIn(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)).toList()) {
                set(f, "rw-------");
            }
        } catch (IOException e) {
            throw new ConfigException("cannot restrict the permissions of the files in " + dir + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            set(file, "rw-------");
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void set(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. Windows: the folder's ACL applies
        }
    }
}
