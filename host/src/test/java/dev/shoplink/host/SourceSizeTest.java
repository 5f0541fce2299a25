package dev.shoplink.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size rule of {@code docs/ARCHITECTURE.md} over the production sources of every module (read from the
 * repository beside the host module): a class that grows past it is a class with two jobs waiting to be split.
 */
class SourceSizeTest {
    /** "About 300 lines": room for a Javadoc paragraph over a class that is otherwise at the line. */
    static final int MAX_LINES = 330;
    private static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules");

    @Test
    void noProductionSourceFileIsLongerThanTheRule() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources = productionSources(root);
        assertThat(sources).as("production sources under " + root).hasSizeGreaterThan(100);

        List<String> tooLong = sources.stream()
                .filter(p -> lines(p) > MAX_LINES)
                .map(p -> root.relativize(p) + " (" + lines(p) + " lines)")
                .toList();

        assertThat(tooLong).as("files over %d lines: split them along their jobs", MAX_LINES).isEmpty();
    }

    /** Every {@code src/main/java} file of the repository; build output, Git's folder and the archetype's outputs skipped. */
    private static List<Path> productionSources(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return SKIPPED.contains(name) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.toString().endsWith(".java") && root.relativize(file).toString().replace('\\', '/')
                        .contains("src/main/java/")) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
