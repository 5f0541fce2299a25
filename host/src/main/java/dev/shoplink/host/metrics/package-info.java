/**
 * Observability: the Micrometer meters of the host (served in the Prometheus text format on
 * {@code GET /metrics}), the timing of shop calls, the syncs-by-state gauges, and the log
 * context (MDC keys {@code integration} and {@code sync}) of a sync run. Names and tags are
 * listed in {@code docs/observability.md}.
 */
package dev.shoplink.host.metrics;
