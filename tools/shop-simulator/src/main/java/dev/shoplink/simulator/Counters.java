package dev.shoplink.simulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counting behind {@link SimulatorStats}. */
final class Counters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder tooManyRequests = new LongAdder();
    private final LongAdder mutatedOrders = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FaultKind, LongAdder> faults = new ConcurrentHashMap<>();

    void request(String pathKey) {
        requests.increment();
        byPath.computeIfAbsent(pathKey, k -> new LongAdder()).increment();
    }

    void tooManyRequestsServed() {
        tooManyRequests.increment();
    }

    void status(int status) {
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    void fault(FaultKind kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void mutated(int count) {
        mutatedOrders.add(count);
    }

    long requests() {
        return requests.sum();
    }

    long tooManyRequests() {
        return tooManyRequests.sum();
    }

    SimulatorStats snapshot() {
        Map<String, Long> paths = new TreeMap<>();
        byPath.forEach((k, v) -> paths.put(k, v.sum()));
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
        Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
        faults.forEach((k, v) -> injected.put(k, v.sum()));
        return new SimulatorStats(requests.sum(), tooManyRequests.sum(), Collections.unmodifiableMap(paths),
                Collections.unmodifiableMap(statuses), Collections.unmodifiableMap(injected), mutatedOrders.sum());
    }

    void reset() {
        requests.reset();
        tooManyRequests.reset();
        mutatedOrders.reset();
        byPath.clear();
        byStatus.clear();
        faults.clear();
    }
}
