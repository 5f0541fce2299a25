package dev.shoplink.host.catalog;

import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.http.ApiException;
import dev.shoplink.host.http.JsonBody;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.PageResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The roaster's catalog: products, variants keyed by SKU, and the configured units and grind styles. */
@Singleton
public final class CatalogService {
    private final Jdbi jdbi;
    private final CatalogRepository repository = new CatalogRepository();
    private final HostConfig config;
    private final Clock clock;

    @Inject
    public CatalogService(Jdbi jdbi, HostConfig config, Clock clock) {
        this.jdbi = jdbi;
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
        String key = given.replaceAll("[\\s_-]", "").toLowerCase(java.util.Locale.ROOT);
        return allowed.stream().filter(a -> a.replaceAll("[\\s_-]", "").toLowerCase(java.util.Locale.ROOT).equals(key)).findFirst();
    }

    public PageResult<Product> search(String q, PageRequest page) {
        String query = q == null ? "" : q;
        return jdbi.withHandle(h -> new PageResult<>(repository.search(h, query, page.offset(), page.size()),
                page.page(), page.size(), repository.count(h, query)));
    }

    public Product get(long id) {
        return jdbi.withHandle(h -> repository.find(h, id)).orElseThrow(() -> ApiException.notFound("no product " + id));
    }

    public Product create(JsonBody body) {
        Optional<String> name = body.string("name", true, 500);
        Optional<String> type = body.string("type", false, 100);
        Optional<String> profileGroup = body.string("profileGroup", false, 200);
        Optional<String> notes = body.string("notes", false, 4000);
        List<NewVariant> variants = body.array("variants", false, v -> {
            Optional<String> sku = v.string("sku", true, 255);
            Optional<String> unit = v.string("unit", true, 50).flatMap(u -> known(v, "unit", u, unit(u), units()));
            Optional<String> grind = v.string("grindStyle", true, 50)
                    .flatMap(g -> known(v, "grindStyle", g, grindStyle(g), grindStyles()));
            return sku.isPresent() && unit.isPresent() && grind.isPresent()
                    ? Optional.of(new NewVariant(sku.get(), unit.get(), grind.get())) : Optional.empty();
        });
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            if (!skus.add(variants.get(i).sku())) {
                body.reject("variants", "SKU " + variants.get(i).sku() + " appears twice");
            }
        }
        body.throwIfInvalid();
        long id = jdbi.inTransaction(h -> {
            if (repository.nameTaken(h, name.get(), 0)) {
                throw ApiException.validation("name", "a product called '" + name.get() + "' already exists");
            }
            long productId = repository.insert(h, name.get(), type, profileGroup, notes, clock.instant());
            for (NewVariant v : variants) {
                addVariant(h, productId, v.sku(), v.unit(), v.grindStyle());
            }
            return productId;
        });
        return get(id);
    }

    public Product patch(long id, JsonBody body) {
        Product current = get(id);
        Optional<String> name = body.nonBlank("name", 500);
        Optional<String> type = body.string("type", false, 100);
        Optional<String> profileGroup = body.string("profileGroup", false, 200);
        Optional<String> notes = body.string("notes", false, 4000);
        body.throwIfInvalid();
        jdbi.useTransaction(h -> {
            if (name.isPresent() && repository.nameTaken(h, name.get(), id)) {
                throw ApiException.validation("name", "a product called '" + name.get() + "' already exists");
            }
            // a field sent as null or "" clears it; a field left out stays as it is
            repository.update(h, new Product(id, name.orElse(current.name()),
                    body.node().has("type") ? type : current.type(),
                    body.node().has("profileGroup") ? profileGroup : current.profileGroup(),
                    body.node().has("notes") ? notes : current.notes(), List.of()));
        });
        return get(id);
    }

    /** Deletes a product; its variants go with it and listings mapped to them become UNLINKED. */
    public int delete(long id) {
        return jdbi.inTransaction(h -> {
            repository.find(h, id).orElseThrow(() -> ApiException.notFound("no product " + id));
            return repository.delete(h, id);
        });
    }

    /** Adds a variant (a SKU with unit and grind style) to a product; a SKU the catalog knows is a 409. */
    public Product addVariant(long productId, JsonBody body) {
        Optional<String> sku = body.string("sku", true, 255);
        Optional<String> unit = body.string("unit", true, 50).flatMap(u -> checkedUnit(body, "unit", u));
        Optional<String> grind = body.string("grindStyle", true, 50).flatMap(g -> checkedGrindStyle(body, "grindStyle", g));
        body.throwIfInvalid();
        jdbi.useTransaction(h -> {
            repository.find(h, productId).orElseThrow(() -> ApiException.notFound("no product " + productId));
            addVariant(h, productId, sku.get(), unit.get(), grind.get());
        });
        return get(productId);
    }

    /**
     * Corrects a variant's unit or grind style (its SKU is its identity and stays). Listings mapped to it
     * follow, as do the order lines that resolve to it: that is how a mapping made with the wrong unit is fixed.
     */
    public Product changeVariant(long productId, long variantId, JsonBody body) {
        Optional<String> unit = body.nonBlank("unit", 50).flatMap(u -> checkedUnit(body, "unit", u));
        Optional<String> grind = body.nonBlank("grindStyle", 50).flatMap(g -> checkedGrindStyle(body, "grindStyle", g));
        if (body.has("sku")) {
            body.reject("sku", "a variant's SKU cannot change: add a variant with the new SKU and delete this one");
        }
        body.throwIfInvalid();
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
            return repository.deleteVariant(h, variantId);
        });
    }

    private Variant variantOf(Handle h, long productId, long variantId) {
        repository.find(h, productId).orElseThrow(() -> ApiException.notFound("no product " + productId));
        return repository.variant(h, variantId).filter(v -> v.productId() == productId)
                .orElseThrow(() -> ApiException.notFound("product " + productId + " has no variant " + variantId));
    }

    /**
     * The product a mapping names: by id, else by name (case-insensitive), created when missing.
     * Runs inside the caller's transaction.
     */
    public long resolveProduct(Handle h, Optional<Long> id, Optional<String> name) {
        if (id.isPresent()) {
            return repository.find(h, id.get()).map(Product::id)
                    .orElseThrow(() -> ApiException.validation("product.id", "no product " + id.get()));
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
     * created when missing, a 409 when the SKU already means something else.
     */
    public long variantFor(Handle h, long productId, String sku, String unit, String grindStyle) {
        Optional<Variant> existing = repository.variantBySku(h, sku);
        if (existing.isPresent()) {
            Variant v = existing.get();
            if (v.productId() != productId || !v.unit().equals(unit) || !v.grindStyle().equals(grindStyle)) {
                String product = repository.find(h, v.productId()).map(Product::name).orElse("#" + v.productId());
                throw ApiException.conflict("sku-conflict", "SKU " + sku + " is already the catalog variant '" + product
                        + " — " + v.unit() + ", " + v.grindStyle() + "'; identical SKUs mean the same product, so map it"
                        + " to that product, unit and grind style, give the shop variant its own SKU, or correct that"
                        + " variant (PATCH /api/v1/products/" + v.productId() + "/variants/" + v.id() + ")");
            }
            return v.id();
        }
        return repository.insertVariant(h, productId, sku, unit, grindStyle);
    }

    private void addVariant(Handle h, long productId, String sku, String unit, String grindStyle) {
        if (repository.variantBySku(h, sku).isPresent()) {
            throw ApiException.conflict("sku-conflict", "SKU " + sku + " already belongs to another catalog variant");
        }
        repository.insertVariant(h, productId, sku, unit, grindStyle);
    }

    private static Optional<String> known(JsonBody body, String field, String given, Optional<String> match, List<String> allowed) {
        if (match.isEmpty()) {
            body.reject(field, "'" + given + "' is not one of " + String.join(", ", allowed));
        }
        return match;
    }

    /** Validates a unit field of a request and returns the configured spelling. */
    public Optional<String> checkedUnit(JsonBody body, String field, String given) {
        return known(body, field, given, unit(given), units());
    }

    public Optional<String> checkedGrindStyle(JsonBody body, String field, String given) {
        return known(body, field, given, grindStyle(given), grindStyles());
    }

    private record NewVariant(String sku, String unit, String grindStyle) {
    }
}
