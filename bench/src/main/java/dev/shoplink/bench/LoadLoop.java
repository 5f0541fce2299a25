package dev.shoplink.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded open-model load loop: request {@code i} is scheduled at {@code start + i / rate}, whatever
 * happened to the requests before it, and its latency is measured from that scheduled instant (not
 * from when it was actually sent), so a stalled server shows up in the percentiles instead of being
 * hidden by a client that waits politely (no coordinated omission). {@code threads} senders take the
 * slots round-robin; a slot that cannot be sent before the wall-time bound is counted as not sent.
 */
final class LoadLoop {

    record Result(String name, double rate, double seconds, int scheduled, int ok, int errors, int notSent,
                  Map<String, Integer> errorKinds, double p50, double p90, double p99, double p999, double max,
                  double mean, double achievedRate) {
    }

    private LoadLoop() {
    }

    /** @param urls request {@code i} asks for {@code urls[i % urls.size()]} */
    static Result run(String name, List<String> urls, String token, double rate, double seconds, int threads, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest[] requests = urls.stream().map(url -> HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build())
                .toArray(HttpRequest[]::new);
        int total = (int) Math.round(rate * seconds);
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime() + 200_000_000L;
        // hard bound: the loop ends at 1.5 x the planned time + the request timeout, sent or not
        long stopAt = start + (long) (seconds * 1.5e9) + timeout.toNanos();

        double[][] latencies = new double[threads][];
        int[] ok = new int[threads];
        int[] notSent = new int[threads];
        long[] lastEnd = new long[threads];
        int[] recorded = new int[threads];
        List<Map<String, Integer>> errors = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Map<String, Integer> errs = new TreeMap<>();
            errors.add(errs);
            latencies[t] = new double[total / threads + 1];
            Thread w = new Thread(() -> {
                for (int i = id; i < total; i += threads) {
                    long intended = start + i * interval;
                    long now;
                    while ((now = System.nanoTime()) < intended) {
                        LockSupport.parkNanos(intended - now);
                    }
                    if (now > stopAt) {
                        notSent[id]++;
                        continue;
                    }
                    try {
                        HttpResponse<byte[]> r = client.send(requests[i % requests.length], HttpResponse.BodyHandlers.ofByteArray());
                        long end = System.nanoTime();
                        lastEnd[id] = Math.max(lastEnd[id], end);
                        if (r.statusCode() == 200) {
                            latencies[id][recorded[id]++] = (end - intended) / 1e6;
                            ok[id]++;
                        } else {
                            errs.merge("HTTP " + r.statusCode(), 1, Integer::sum);
                        }
                    } catch (IOException e) {
                        lastEnd[id] = Math.max(lastEnd[id], System.nanoTime());
                        errs.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "load-" + name + "-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            try {
                long left = Math.max(1, (stopAt - System.nanoTime()) / 1_000_000 + 15_000);
                w.join(left);
                if (w.isAlive()) {
                    w.interrupt();
                    w.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        int okTotal = 0;
        int notSentTotal = 0;
        long end = start;
        int length = 0;
        for (int t = 0; t < threads; t++) {
            latencies[t] = java.util.Arrays.copyOf(latencies[t], recorded[t]);
            okTotal += ok[t];
            notSentTotal += notSent[t];
            end = Math.max(end, lastEnd[t]);
            length += latencies[t].length;
        }
        double[] all = new double[length];
        int at = 0;
        for (double[] l : latencies) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        java.util.Arrays.sort(all);
        Map<String, Integer> errorKinds = new TreeMap<>();
        errors.forEach(m -> m.forEach((k, v) -> errorKinds.merge(k, v, Integer::sum)));
        int errorTotal = errorKinds.values().stream().mapToInt(Integer::intValue).sum();
        double mean = java.util.Arrays.stream(all).average().orElse(Double.NaN);
        double elapsed = (end - start) / 1e9;
        return new Result(name, rate, seconds, total, okTotal, errorTotal, notSentTotal, errorKinds,
                Stats.percentile(all, 50), Stats.percentile(all, 90), Stats.percentile(all, 99), Stats.percentile(all, 99.9),
                all.length == 0 ? Double.NaN : all[all.length - 1], mean, elapsed > 0 ? okTotal / elapsed : 0);
    }

    /** Latencies (sorted, ms) of one-at-a-time requests, the first one (cold) and the {@code total} it reported. */
    record Sequential(double[] sorted, long total, double firstMs) {
    }

    /** Closed loop, one request at a time: the plain service time of one request, for context. */
    static Sequential sequential(List<String> urls, String token, int count, double maxSeconds, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        double[] out = new double[count];
        long stop = System.nanoTime() + (long) (maxSeconds * 1e9);
        int done = 0;
        long total = -1;
        // at least 3 requests, then until count or maxSeconds
        for (int i = 0; i < count && (i < 3 || System.nanoTime() < stop); i++) {
            String url = urls.get(i % urls.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Authorization", "Bearer " + token).GET().build();
            long t0 = System.nanoTime();
            try {
                HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
                }
                if (i == 0) {
                    total = Api.JSON.readTree(r.body()).path("total").asLong(-1);
                }
            } catch (IOException e) {
                throw new IllegalStateException("GET " + url + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            out[i] = (System.nanoTime() - t0) / 1e6;
            done++;
        }
        return new Sequential(Stats.sorted(java.util.Arrays.copyOf(out, done)), total, done == 0 ? Double.NaN : out[0]);
    }
}
