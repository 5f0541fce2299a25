package dev.shoplink.testkit;

import static dev.shoplink.testkit.PageReads.assertResumable;
import static dev.shoplink.testkit.PageReads.collect;
import static dev.shoplink.testkit.PageReads.eachPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's checks of listings: paging complete and resumable, unnamed listings kept, fetching one by id. */
abstract class ListingContract extends CredentialContract {
    @Test
    public void emptyShopHasOneEmptyLastPageOfListings() {
        givenListings(0, 0);

        Page<Listing> first = connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start());

        assertThat(first.items()).isEmpty();
        assertThat(first.hasNext()).isFalse();
    }

    @Test
    public void pagingThroughListingsReturnsEachExactlyOnce() {
        int count = 2 * pageSize() + 3;
        givenListings(count, 0);

        List<Listing> all = collect(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor));

        assertThat(all).hasSize(count);
        assertThat(all).extracting(Listing::externalId).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
    }

    @Test
    public void unnamedListingsAreReturned() {
        givenListings(6, 4);

        List<Listing> all = collect(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor));

        assertThat(all).hasSize(6);
        assertThat(all).filteredOn(listing -> !listing.hasName()).hasSize(4);
        assertThat(all).filteredOn(Listing::hasName).hasSize(2);
    }

    @Test
    public void aCursorCanBeUsedAgain() {
        givenListings(pageSize() + 1, 0);
        Page<Listing> first = connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start());
        assertThat(first.next()).as("a second page").isPresent();
        Cursor second = first.next().orElseThrow();

        // the host resumes from a stored cursor after a crash, possibly more than once
        Page<Listing> once = connector().listings(goodConnection(), ListingQuery.everything(), second);
        Page<Listing> again = connector().listings(goodConnection(), ListingQuery.everything(), second);

        assertThat(again.items()).extracting(Listing::externalId)
                .containsExactlyElementsOf(once.items().stream().map(Listing::externalId).toList());
    }

    @Test
    public void aListingCanBeFetchedByItsId() {
        givenListings(3, 0);
        Listing known = connector().listings(goodConnection(), ListingQuery.everything(), Cursor.start()).items().get(1);

        assertThat(connector().listing(goodConnection(), known.externalId()))
                .hasValueSatisfying(found -> assertThat(found.externalId()).isEqualTo(known.externalId()));
    }

    @Test
    public void anUnknownListingIsEmpty() {
        givenListings(3, 0);

        assertThat(connector().listing(goodConnection(), unknownListingId())).isEmpty();
    }

    @Test
    public void aStoredListingCursorResumesTheRead() {
        givenListings(2 * pageSize() + 3, 0);

        assertResumable(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor), Listing::externalId);
    }

    @Test
    public void listingIdsAreUniqueWithinEachPage() {
        givenListings(2 * pageSize() + 3, 0);

        eachPage(cursor -> connector().listings(goodConnection(), ListingQuery.everything(), cursor), (page, number) ->
                assertThat(page.items()).extracting(Listing::externalId).as("listing ids of page %d", number)
                        .doesNotHaveDuplicates());
    }
}
