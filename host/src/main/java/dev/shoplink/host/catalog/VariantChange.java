package dev.shoplink.host.catalog;

import java.util.Optional;

/** A correction of a variant's unit or grind style; what is empty stays. The SKU is the variant's identity and never changes. */
public record VariantChange(Optional<String> unit, Optional<String> grindStyle) {
}
