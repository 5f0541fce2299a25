package dev.shoplink.host.catalog;

import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.domain.PageOf;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The roaster's catalog: products, variants keyed by SKU, and the configured units and grind styles. */
@Singleton
public final class CatalogService {
    private final Jdbi jdbi;
    private final CatalogRepository repository = new CatalogRepository();
    private final MappedListings listings;
    private final HostConfig config;
    private final Clock clock;

    @Inject
    public CatalogService(Jdbi jdbi, MappedListings listings, HostConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.listings = listings;
        this.config = config;
        this.clock = clock;
    }

    public List<String> units() {
        return config.units();
    }

    public List<String> grindStyles() {
        return config.grindStyles();
    }

    /** The configured unit spelled as configured, matched case- and space-insensitively. */
    public Optional<String> unit(String given) {
        return match(config.units(), given);
    }

    public Optional<String> grindStyle(String given) {
        return match(config.grindStyles(), given);
    }

    private static Optional<String> match(List<String> allowed, String given) {
        String key = given.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        return allowed.stream().filter(a -> a.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    public PageOf<Product> search(String q, Paging page) {
        String query = q == null ? "" : q;
        return jdbi.withHandle(h -> PageOf.of(repository.search(h, query, page.offset(), page.size()), page,
                repository.count(h, query)));
    }

    public Product get(long id) {
        return jdbi.withHandle(h -> repository.find(h, id)).orElseThrow(() -> noProduct(id));
    }

    /** Creates a product with its variants; a name or SKU the catalog already has is refused, and nothing is saved. */
    public Product create(NewProduct product) {
        List<FieldError> errors = new ArrayList<>();
        List<NewVariant> variants = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < product.variants().size(); i++) {
            NewVariant v = product.variants().get(i);
            variants.add(checked(v, "variants[" + i + "].", errors));
            if (!skus.add(v.sku())) {
                errors.add(new FieldError("variants", "SKU " + v.sku() + " appears twice"));
            }
        }
        InvalidInputException.throwIfAny(errors);
        long id = jdbi.inTransaction(h -> {
            requireFreeName(h, product.name(), 0);
            long productId = repository.insert(h, product.name(), product.type(), product.profileGroup(), product.notes(),
                    clock.instant());
            for (NewVariant v : variants) {
                addVariant(h, productId, v);
            }
            return productId;
        });
        return get(id);
    }

    public Product patch(long id, ProductChange change) {
        Product current = get(id);
        jdbi.useTransaction(h -> {
            if (change.name().isPresent()) {
                requireFreeName(h, change.name().get(), id);
            }
            repository.update(h, new Product(id, change.name().orElse(current.name()),
                    change.type().orElse(current.type()), change.profileGroup().orElse(current.profileGroup()),
                    change.notes().orElse(current.notes()), List.of()));
        });
        return get(id);
    }

    private void requireFreeName(Handle h, String name, long except) {
        if (repository.nameTaken(h, name, except)) {
            throw new InvalidInputException("name", "a product called '" + name + "' already exists");
        }
    }

    /** Deletes a product; its variants go with it and listings mapped to them become UNLINKED. */
    public int delete(long id) {
        return jdbi.inTransaction(h -> {
            repository.find(h, id).orElseThrow(() -> noProduct(id));
            int unlinked = listings.unlinkVariantsOfProduct(h, id);
            repository.delete(h, id);
            return unlinked;
        });
    }

    /** Adds a variant (a SKU with unit and grind style) to a product; a SKU the catalog knows is a conflict. */
    public Product addVariant(long productId, NewVariant variant) {
        List<FieldError> errors = new ArrayList<>();
        NewVariant checked = checked(variant, "", errors);
        InvalidInputException.throwIfAny(errors);
        jdbi.useTransaction(h -> {
            repository.find(h, productId).orElseThrow(() -> noProduct(productId));
            addVariant(h, productId, checked);
        });
        return get(productId);
    }

    /**
     * Corrects a variant's unit or grind style (its SKU is its identity and stays). Listings mapped to it
     * follow, as do the order lines that resolve to it: that is how a mapping made with the wrong unit is fixed.
     */
    public Product changeVariant(long productId, long variantId, VariantChange change) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> unit = change.unit().flatMap(u -> known("unit", u, unit(u), units(), errors));
        Optional<String> grind = change.grindStyle().flatMap(g -> known("grindStyle", g, grindStyle(g), grindStyles(), errors));
        InvalidInputException.throwIfAny(errors);
        jdbi.useTransaction(h -> {
            Variant v = variantOf(h, productId, variantId);
            repository.updateVariant(h, variantId, unit.orElse(v.unit()), grind.orElse(v.grindStyle()));
        });
        return get(productId);
    }

    /** Deletes a variant; listings mapped to it become UNLINKED. Returns how many were unlinked. */
    public int deleteVariant(long productId, long variantId) {
        return jdbi.inTransaction(h -> {
            variantOf(h, productId, variantId);
            int unlinked = listings.unlinkVariant(h, variantId);
            repository.deleteVariant(h, variantId);
            return unlinked;
        });
    }

    private Variant variantOf(Handle h, long productId, long variantId) {
        repository.find(h, productId).orElseThrow(() -> noProduct(productId));
        return repository.variant(h, variantId).filter(v -> v.productId() == productId)
                .orElseThrow(() -> new NotFoundException("product " + productId + " has no variant " + variantId));
    }

    /**
     * The product a mapping names: by id, else by name (case-insensitive), created when missing.
     * Runs inside the caller's transaction.
     */
    public long resolveProduct(Handle h, Optional<Long> id, Optional<String> name) {
        if (id.isPresent()) {
            return repository.find(h, id.get()).map(Product::id)
                    .orElseThrow(() -> new InvalidInputException("product.id", "no product " + id.get()));
        }
        return repository.findByName(h, name.orElseThrow()).map(Product::id)
                .orElseGet(() -> repository.insert(h, name.get(), Optional.empty(), Optional.empty(), Optional.empty(), clock.instant()));
    }

    public Optional<Product> findProduct(Handle h, long id) {
        return repository.find(h, id);
    }

    public Optional<Variant> variantBySku(Handle h, String sku) {
        return repository.variantBySku(h, sku);
    }

    /**
     * The variant for a SKU: reused when it exists with the same product, unit and grind style,
     * created when missing, a conflict when the SKU already means something else.
     */
    public long variantFor(Handle h, long productId, String sku, String unit, String grindStyle) {
        Optional<Variant> existing = repository.variantBySku(h, sku);
        if (existing.isPresent()) {
            Variant v = existing.get();
            if (v.productId() != productId || !v.unit().equals(unit) || !v.grindStyle().equals(grindStyle)) {
                String product = repository.find(h, v.productId()).map(Product::name).orElse("#" + v.productId());
                throw new ConflictException("sku-conflict", "SKU " + sku + " is already the catalog variant '" + product
                        + " — " + v.unit() + ", " + v.grindStyle() + "'; identical SKUs mean the same product, so map it"
                        + " to that product, unit and grind style, give the shop variant its own SKU, or correct that"
                        + " variant (PATCH /api/v1/products/" + v.productId() + "/variants/" + v.id() + ")");
            }
            return v.id();
        }
        return repository.insertVariant(h, productId, sku, unit, grindStyle);
    }

    private void addVariant(Handle h, long productId, NewVariant v) {
        if (repository.variantBySku(h, v.sku()).isPresent()) {
            throw new ConflictException("sku-conflict", "SKU " + v.sku() + " already belongs to another catalog variant");
        }
        repository.insertVariant(h, productId, v.sku(), v.unit(), v.grindStyle());
    }

    /** The variant with its unit and grind style spelled as configured; an unknown one is added to {@code errors}. */
    private NewVariant checked(NewVariant v, String at, List<FieldError> errors) {
        Optional<String> unit = known(at + "unit", v.unit(), unit(v.unit()), units(), errors);
        Optional<String> grind = known(at + "grindStyle", v.grindStyle(), grindStyle(v.grindStyle()), grindStyles(), errors);
        return new NewVariant(v.sku(), unit.orElse(v.unit()), grind.orElse(v.grindStyle()));
    }

    /**
     * {@code match} when present, else an error for {@code field}. Also used for the mapping wizard's rows, so that
     * an unknown unit reads the same wherever it is sent.
     */
    public static Optional<String> known(String field, String given, Optional<String> match, List<String> allowed,
                                         List<FieldError> errors) {
        if (match.isEmpty()) {
            errors.add(new FieldError(field, "'" + given + "' is not one of " + String.join(", ", allowed)));
        }
        return match;
    }

    private static NotFoundException noProduct(long id) {
        return new NotFoundException("no product " + id);
    }
}
