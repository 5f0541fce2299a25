package dev.shoplink.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /_sim/...}: the simulator's own controls for a parent process (benchmark harness, demo).
 * Deliberately outside the ShipStation surface: no auth, no rate limit, no faults, not counted.
 */
final class AdminApi {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ShopSimulator simulator;

    AdminApi(ShopSimulator simulator) {
        this.simulator = simulator;
    }

    void register(RoutesConfig routes) {
        routes.get("/_sim/stats", ctx -> json(ctx, stats()));
        routes.post("/_sim/stats/reset", ctx -> {
            simulator.resetStats();
            ctx.status(204);
        });
        routes.post("/_sim/rate-limit/reset", ctx -> {
            simulator.resetRateLimit();
            ctx.status(204);
        });
        routes.post("/_sim/mutate", ctx -> {
            int count = new QueryParams(ctx.queryParamMap()).integer("count", 1);
            if (count < 0) {
                throw new BadRequestException("count must not be negative: " + count);
            }
            MutationBatch batch = simulator.mutateOrders(count);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("modifiedAt", batch.modifiedAt().toString());
            body.put("modifyDate", batch.modifyDate());
            body.put("count", batch.orderIds().size());
            body.put("orderIds", batch.orderIds());
            json(ctx, body);
        });
        routes.get("/_sim/settings", ctx -> json(ctx, settings()));
        routes.post("/_sim/settings", ctx -> {
            apply(new QueryParams(ctx.queryParamMap()));
            json(ctx, settings());
        });
        routes.get("/_sim/info", ctx -> json(ctx, info()));
    }

    private void apply(QueryParams params) {
        try {
            String rateLimit = params.text("rateLimit");
            if (rateLimit != null) {
                simulator.setRateLimit(rateLimit.equalsIgnoreCase("off") ? 0 : Integer.parseInt(rateLimit));
            }
            String failRate = params.text("failRate");
            if (failRate != null) {
                simulator.setFailRate(Double.parseDouble(failRate));
            }
            String faults = params.text("faults");
            if (faults != null) {
                simulator.setFaultKinds(Arrays.stream(faults.split(",")).map(FaultKind::parse)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
            }
            int latency = params.integer("latencyMs", -1);
            if (latency >= 0) {
                simulator.setLatency(Duration.ofMillis(latency));
            }
            int slow = params.integer("slowMs", -1);
            if (slow >= 0) {
                simulator.setSlowResponseDelay(Duration.ofMillis(slow));
            }
            int window = params.integer("rateWindowMs", -1);
            if (window >= 0) {
                simulator.setRateWindow(Duration.ofMillis(window));
            }
            int cap = params.integer("pageSizeCap", -1);
            if (cap >= 0) {
                simulator.setPageSizeCap(cap);
            }
            String bucket = params.text("shopifyBucket");
            if (bucket != null) {
                String[] parts = bucket.split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("shopifyBucket needs MAX:RATE, e.g. 2000:100");
                }
                simulator.setShopifyBucket(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
            String apiAccess = params.text("apiAccess");
            if (apiAccess != null) {
                simulator.setApiAccess(params.bool("apiAccess", true));
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private Map<String, Object> stats() {
        SimulatorStats stats = simulator.stats();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", stats.requests());
        body.put("tooManyRequests", stats.tooManyRequests());
        body.put("byPath", stats.byPath());
        body.put("byStatus", stats.byStatus());
        body.put("faults", stats.faults());
        body.put("mutatedOrders", stats.mutatedOrders());
        return body;
    }

    private Map<String, Object> settings() {
        Settings s = simulator.settings();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rateLimit", s.rateLimit() == 0 ? "off" : s.rateLimit());
        body.put("rateWindowMs", s.rateWindow().toMillis());
        body.put("failRate", s.failRate());
        body.put("faults", s.faultKinds());
        body.put("latencyMs", s.latency().toMillis());
        body.put("slowMs", s.slowResponseDelay().toMillis());
        body.put("pageSizeCap", s.pageSizeCap());
        body.put("apiAccess", s.apiAccess());
        body.put("shopifyBucket", simulator.shopifyBucketSize() + ":" + simulator.shopifyRestoreRate());
        return body;
    }

    private Map<String, Object> info() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseUrl", simulator.baseUrl());
        body.put("seed", simulator.seed());
        body.put("products", simulator.productCount());
        body.put("orders", simulator.orderCount());
        body.put("generatedAt", simulator.generatedAt().toString());
        body.put("generatedAtPacific", PacificTime.orderStamp(PacificTime.localMillis(simulator.generatedAt())));
        body.put("newProductsSince", simulator.newProductsSince().toString());
        body.put("storeId", ShopGenerator.STORE_ID);
        body.put("shopifyDomain", simulator.shopifyDomain());
        body.put("shopifyGraphqlUrl", simulator.shopifyGraphqlUrl());
        return body;
    }

    private static void json(Context ctx, Object body) throws JsonProcessingException {
        ctx.status(200).contentType(ShipStationApi.JSON).result(MAPPER.writeValueAsBytes(body));
    }
}
