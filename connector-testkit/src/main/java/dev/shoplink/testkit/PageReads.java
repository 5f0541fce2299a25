package dev.shoplink.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.api.Cursor;
import dev.shoplink.api.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;

/** Reads a connector's pages the way the host does, failing when paging does not end or hands out a cursor twice. */
final class PageReads {
    /** Far more pages than any test serves: a connector that never stops fails instead of hanging. */
    private static final int PAGE_LIMIT = 1_000;

    private PageReads() {
    }

    /**
     * Reads the first page, keeps its cursor's value as the host stores it (a string), and reads on from
     * a new cursor of that value: the result must be what one uninterrupted read returns.
     */
    static <T> void assertResumable(Function<Cursor, Page<T>> fetch, Function<T, String> id) {
        List<String> uninterrupted = collect(fetch).stream().map(id).toList();

        Page<T> first = fetch.apply(Cursor.start());
        assertThat(first.next()).as("a second page").isPresent();
        String stored = new String(first.next().orElseThrow().value().toCharArray());
        List<String> resumed = new ArrayList<>(first.items().stream().map(id).toList());
        resumed.addAll(collectFrom(Cursor.of(stored), fetch).stream().map(id).toList());

        assertThat(resumed).as("ids read before and after resuming from cursor %s", stored)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(uninterrupted);
    }

    static <T> void eachPage(Function<Cursor, Page<T>> fetch, ObjIntConsumer<Page<T>> check) {
        Cursor cursor = Cursor.start();
        for (int pages = 1; pages <= PAGE_LIMIT; pages++) {
            Page<T> page = fetch.apply(cursor);
            check.accept(page, pages);
            if (page.next().isEmpty()) {
                return;
            }
            cursor = page.next().get();
        }
        throw new AssertionError("paging did not end after " + PAGE_LIMIT + " pages");
    }

    static <T> List<T> collect(Function<Cursor, Page<T>> fetch) {
        return collectFrom(Cursor.start(), fetch);
    }

    static <T> List<T> collectFrom(Cursor start, Function<Cursor, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        Set<String> cursorsSeen = new HashSet<>();
        Cursor cursor = start;
        for (int pages = 0; pages < PAGE_LIMIT; pages++) {
            Page<T> page = fetch.apply(cursor);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            cursor = page.next().get();
            assertThat(cursorsSeen.add(cursor.value())).as("cursor %s handed out twice", cursor.value()).isTrue();
        }
        throw new AssertionError("paging did not end after " + PAGE_LIMIT + " pages");
    }
}
