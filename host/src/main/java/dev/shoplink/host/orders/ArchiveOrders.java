package dev.shoplink.host.orders;

import java.time.LocalDate;
import java.util.List;

/** Which orders the manual archive takes: named ones, or every order of an integration placed before a day. */
public sealed interface ArchiveOrders {
    record ByIds(List<Long> ids) implements ArchiveOrders {
        public ByIds {
            ids = List.copyOf(ids);
        }
    }

    /** {@code orderedBefore} is a whole day in the host's zone; orders of that day stay. */
    record OrderedBefore(long integrationId, LocalDate orderedBefore) implements ArchiveOrders {
    }
}
