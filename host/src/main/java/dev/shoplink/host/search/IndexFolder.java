package dev.shoplink.host.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The index's folder, deleted whole when the index is to be built afresh (it is derived: nothing is lost). */
final class IndexFolder {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTextIndex.class);

    private IndexFolder() {
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete the orders' text index in {}: {}", folder, e.toString());
        }
    }
}
