package dev.shoplink.host.listings;

import dev.shoplink.host.catalog.CatalogService;
import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.Money;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.domain.PageOf;
import dev.shoplink.host.domain.WarningsToAcknowledgeException;
import dev.shoplink.host.integrations.Integration;
import dev.shoplink.host.integrations.IntegrationService;
import dev.shoplink.host.plugins.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Listing filters, ignore / include / unlink, and the mapping wizard's all-or-nothing save. */
@Singleton
public final class ListingService {
    private final Jdbi jdbi;
    private final ListingRepository repository = new ListingRepository();
    private final IntegrationService integrations;
    private final CatalogService catalog;
    private final PluginHost plugins;
    private final ListingSuggester suggester;

    @Inject
    public ListingService(Jdbi jdbi, IntegrationService integrations, CatalogService catalog, PluginHost plugins) {
        this.jdbi = jdbi;
        this.integrations = integrations;
        this.catalog = catalog;
        this.plugins = plugins;
        this.suggester = new ListingSuggester(catalog.units(), catalog::grindStyle);
    }

    /** Most listings one suggestion request reads (a shop with more is grouped over its first ones, newest first). */
    static final int SUGGESTION_LIMIT = 20_000;

    /**
     * The wizard's suggestions for the listings still to map ({@code state} NEW or UNLINKED, both when empty), grouped
     * by product and sorted by its name; pages count groups. Nothing is saved.
     */
    public PageOf<MappingSuggestions.Group> suggestions(long integrationId, Optional<ListingState> state, String q,
                                                         Paging page) {
        if (state.isPresent() && !state.get().toMap()) {
            throw new InvalidInputException("state", "suggestions are for listings still to map: NEW or UNLINKED");
        }
        Integration integration = integrations.active(integrationId);
        String shop = shopName(integration);
        String filter = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        List<MappingSuggestions.Group> groups = jdbi.withHandle(h -> {
            var bySku = repository.catalogVariantsBySku(h, integrationId);
            List<MappingSuggestions.Input> inputs = repository.list(h, integrationId, Optional.empty(), "", false, 0,
                            SUGGESTION_LIMIT).stream()
                    .map(r -> new MappingSuggestions.Input(r.listing(), view(r.listing(), r.mapping(), shop),
                            Optional.ofNullable(bySku.get(r.listing().id()))))
                    .toList();
            return MappingSuggestions.build(suggester, catalog.units(), catalog.grindStyles(), inputs,
                    l -> state.map(s -> s == l.state()).orElse(l.state().toMap()),
                    repository.catalogNames(h));
        });
        List<MappingSuggestions.Group> matching = filter.isEmpty() ? groups : groups.stream()
                .filter(g -> g.name().toLowerCase(Locale.ROOT).contains(filter) || g.listings().stream()
                        .anyMatch(s -> (s.listing().name() + " " + s.listing().sku() + " " + s.listing().variant())
                                .toLowerCase(Locale.ROOT).contains(filter)))
                .toList();
        return PageOf.slice(matching, page);
    }

    public PageOf<ListingView> list(long integrationId, Optional<ListingState> state, String q, boolean includeHidden,
                                    Paging page) {
        Integration integration = integrations.active(integrationId);
        String shop = shopName(integration);
        return jdbi.withHandle(h -> PageOf.of(
                repository.list(h, integrationId, state, q, includeHidden, page.offset(), page.size()).stream()
                        .map(r -> view(r.listing(), r.mapping(), shop)).toList(),
                page, repository.count(h, integrationId, state, q, includeHidden)));
    }

    public ListingView ignore(long integrationId, long listingId) {
        return transition(integrationId, listingId, Set.of(ListingState.NEW, ListingState.UNLINKED), ListingState.IGNORED,
                "only NEW or UNLINKED listings can be ignored; unlink a MAPPED one first");
    }

    public ListingView include(long integrationId, long listingId) {
        return transition(integrationId, listingId, Set.of(ListingState.IGNORED), ListingState.NEW,
                "only IGNORED listings can be included again");
    }

    public ListingView unlink(long integrationId, long listingId) {
        return transition(integrationId, listingId, Set.of(ListingState.MAPPED), ListingState.UNLINKED,
                "the listing is not mapped");
    }

    private ListingView transition(long integrationId, long listingId, Set<ListingState> from, ListingState to, String refusal) {
        Integration integration = integrations.active(integrationId);
        jdbi.useTransaction(h -> {
            StoredListing l = repository.find(h, integrationId, listingId)
                    .orElseThrow(() -> new NotFoundException("no listing " + listingId + " in integration " + integrationId));
            if (!from.contains(l.state())) {
                throw new ConflictException("listing-state", "listing " + listingId + " is " + l.state() + ": " + refusal);
            }
            repository.setState(h, listingId, to, Optional.empty());
        });
        return one(integration, listingId);
    }

    private ListingView one(Integration integration, long listingId) {
        return jdbi.withHandle(h -> repository.row(h, integration.id(), listingId)
                .map(r -> view(r.listing(), r.mapping(), shopName(integration)))
                .orElseThrow(() -> new NotFoundException("no listing " + listingId)));
    }

    /** The wizard's "Save and finish": every row valid, or nothing saved. */
    public List<ListingView> map(long integrationId, MappingRequest request) {
        Integration integration = integrations.active(integrationId);
        if (request.rows().isEmpty()) {
            throw new InvalidInputException("mappings", "must name at least one listing");
        }
        List<FieldError> unitErrors = new ArrayList<>();
        List<MappingRequest.Row> rows = new ArrayList<>();
        for (int i = 0; i < request.rows().size(); i++) {
            MappingRequest.Row row = request.rows().get(i);
            String at = "mappings[" + i + "].";
            Optional<String> unit = CatalogService.known(at + "unit", row.unit(), catalog.unit(row.unit()),
                    catalog.units(), unitErrors);
            Optional<String> grind = CatalogService.known(at + "grindStyle", row.grindStyle(),
                    catalog.grindStyle(row.grindStyle()), catalog.grindStyles(), unitErrors);
            rows.add(new MappingRequest.Row(row.listingId(), row.productId(), row.productName(),
                    unit.orElse(row.unit()), grind.orElse(row.grindStyle())));
        }
        boolean acknowledged = request.acknowledgeWarnings();
        String shop = shopName(integration);
        List<Long> mapped = jdbi.inTransaction(h -> {
            // unit errors and listing errors of all rows are reported together
            List<FieldError> errors = new ArrayList<>(unitErrors);
            List<StoredListing> listings = mappable(h, integrationId, rows, shop, errors);
            InvalidInputException.throwIfAny(errors);
            List<FieldError> warnings = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                StoredListing l = listings.get(i);
                String at = "mappings[" + i + "].unit";
                suggester.contradiction(rows.get(i).unit(), l.name(), l.variant(), l.sku())
                        .ifPresent(w -> warnings.add(new FieldError(at, w)));
            }
            if (!warnings.isEmpty() && !acknowledged) {
                throw new WarningsToAcknowledgeException(
                        warnings.size() + " mapping" + (warnings.size() == 1 ? "" : "s") + " contradict"
                                + (warnings.size() == 1 ? "s" : "") + " the listing; nothing was saved. Correct the unit,"
                                + " or send the same request with \"acknowledgeWarnings\": true to save it as it is", warnings);
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                MappingRequest.Row row = rows.get(i);
                StoredListing l = listings.get(i);
                long productId = catalog.resolveProduct(h, row.productId(), row.productName());
                long variantId = catalog.variantFor(h, productId, l.sku(), row.unit(), row.grindStyle());
                repository.setState(h, l.id(), ListingState.MAPPED, Optional.of(variantId));
                ids.add(l.id());
            }
            return ids;
        });
        return mapped.stream().map(id -> one(integration, id)).toList();
    }

    /** The listings the rows name, in their order (null where none); what keeps a row from mapping goes to {@code errors}. */
    private List<StoredListing> mappable(Handle h, long integrationId, List<MappingRequest.Row> rows, String shop,
                                         List<FieldError> errors) {
        Set<Long> seen = new HashSet<>();
        List<StoredListing> listings = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            MappingRequest.Row row = rows.get(i);
            String at = "mappings[" + i + "]";
            Optional<StoredListing> found = repository.find(h, integrationId, row.listingId());
            listings.add(found.orElse(null));
            if (found.isEmpty()) {
                errors.add(new FieldError(at + ".listingId", "no listing " + row.listingId() + " in this integration"));
                continue;
            }
            StoredListing l = found.get();
            if (!seen.add(l.id())) {
                errors.add(new FieldError(at + ".listingId", "listing " + l.id() + " appears twice"));
            } else if (!l.state().toMap()) {
                errors.add(new FieldError(at + ".listingId", "listing " + l.id() + " is " + l.state()
                        + "; only NEW or UNLINKED listings can be mapped"));
            } else if (!l.offered()) {
                errors.add(new FieldError(at + ".listingId", "listing " + l.id() + " predates the sync start date and"
                        + " no imported order contains it yet"));
            } else {
                problem(l, shop).ifPresent(p -> errors.add(new FieldError(at + ".listingId", p)));
            }
            if (row.productId().isPresent() && catalog.findProduct(h, row.productId().get()).isEmpty()) {
                errors.add(new FieldError(at + ".product.id", "no product " + row.productId().get()));
            }
        }
        return listings;
    }

    /** The configured units, in the order the wizard offers them. */
    public List<String> units() {
        return catalog.units();
    }

    public List<String> grindStyles() {
        return catalog.grindStyles();
    }

    private String shopName(Integration integration) {
        return plugins.connector(integration.connector()).map(c -> c.descriptor().name()).orElse(integration.connector());
    }

    /** Why a listing cannot be mapped yet, in words the user can act on. */
    static Optional<String> problem(StoredListing l, String shop) {
        if (l.name().isBlank()) {
            return Optional.of(shop + " product " + l.externalId() + " has no name: give it one in " + shop
                    + " and synchronize again");
        }
        if (l.sku().isBlank()) {
            return Optional.of(shop + " product " + l.externalId() + " has no SKU: catalog variants are keyed by SKU;"
                    + " give it one in " + shop + " and synchronize again");
        }
        return Optional.empty();
    }

    private static ListingView view(StoredListing l, Optional<ListingView.Mapping> mapping, String shop) {
        return new ListingView(l.id(), l.externalId(), l.sku(), l.name(), l.variant(),
                l.price().map(Money::text), l.shopActive() && l.active(), l.offered(), l.createdAt(), l.state(),
                problem(l, shop), mapping);
    }
}
