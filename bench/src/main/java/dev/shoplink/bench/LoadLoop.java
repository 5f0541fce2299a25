package dev.shoplink.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
        Schedule schedule = Schedule.from(rate, seconds, timeout);
        List<Sender> senders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Sender sender = new Sender(t, threads, schedule, client, requests);
            senders.add(sender);
            Thread w = new Thread(sender, "load-" + name + "-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        awaitAll(workers, schedule.stopAt());
        return result(name, rate, seconds, schedule, senders);
    }

    /**
     * When each request is due: request {@code i} at {@code start + i * interval}; the first 200 ms after the call,
     * and a hard bound {@code stopAt} at 1.5 x the planned time + the request timeout, sent or not.
     */
    private record Schedule(int total, long interval, long start, long stopAt) {
        static Schedule from(double rate, double seconds, Duration timeout) {
            int total = (int) Math.round(rate * seconds);
            long interval = Math.round(1e9 / rate);
            long start = System.nanoTime() + 200_000_000L;
            return new Schedule(total, interval, start, start + (long) (seconds * 1.5e9) + timeout.toNanos());
        }

        long intended(int i) {
            return start + i * interval;
        }
    }

    /**
     * One sender thread's share: slots {@code first, first + step, ...}, each sent at its scheduled instant (or counted
     * as not sent past the bound), and what came of them. Read by the caller only after the thread was joined.
     */
    private static final class Sender implements Runnable {
        private final int first;
        private final int step;
        private final Schedule schedule;
        private final HttpClient client;
        private final HttpRequest[] requests;
        private final double[] latencies;
        private final Map<String, Integer> errors = new TreeMap<>();
        private int recorded;
        private int ok;
        private int notSent;
        private long lastEnd;

        Sender(int first, int step, Schedule schedule, HttpClient client, HttpRequest[] requests) {
            this.first = first;
            this.step = step;
            this.schedule = schedule;
            this.client = client;
            this.requests = requests;
            this.latencies = new double[schedule.total() / step + 1];
        }

        @Override
        public void run() {
            try {
                for (int i = first; i < schedule.total(); i += step) {
                    long intended = schedule.intended(i);
                    if (waitUntil(intended) > schedule.stopAt()) {
                        notSent++;
                        continue;
                    }
                    send(requests[i % requests.length], intended);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Parks until {@code instant}; the time it woke at. */
        private static long waitUntil(long instant) {
            long now;
            while ((now = System.nanoTime()) < instant) {
                LockSupport.parkNanos(instant - now);
            }
            return now;
        }

        /** Only a 200 counts a latency, measured from the intended instant; anything else counts an error kind. */
        private void send(HttpRequest request, long intended) throws InterruptedException {
            try {
                HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long end = System.nanoTime();
                lastEnd = Math.max(lastEnd, end);
                if (r.statusCode() == 200) {
                    latencies[recorded++] = (end - intended) / 1e6;
                    ok++;
                } else {
                    errors.merge("HTTP " + r.statusCode(), 1, Integer::sum);
                }
            } catch (IOException e) {
                lastEnd = Math.max(lastEnd, System.nanoTime());
                errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
    }

    /** Waits for every sender until 15 s past the bound, then interrupts one still running and gives it 5 s more. */
    private static void awaitAll(List<Thread> workers, long stopAt) {
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
    }

    /** The senders' counts summed; percentiles over all recorded latencies; the rate over start .. last response. */
    private static Result result(String name, double rate, double seconds, Schedule schedule, List<Sender> senders) {
        int okTotal = 0;
        int notSentTotal = 0;
        long end = schedule.start();
        Map<String, Integer> errorKinds = new TreeMap<>();
        for (Sender s : senders) {
            okTotal += s.ok;
            notSentTotal += s.notSent;
            end = Math.max(end, s.lastEnd);
            s.errors.forEach((k, v) -> errorKinds.merge(k, v, Integer::sum));
        }
        double[] all = sortedLatencies(senders);
        int errorTotal = errorKinds.values().stream().mapToInt(Integer::intValue).sum();
        double mean = Arrays.stream(all).average().orElse(Double.NaN);
        double elapsed = (end - schedule.start()) / 1e9;
        return new Result(name, rate, seconds, schedule.total(), okTotal, errorTotal, notSentTotal, errorKinds,
                Stats.percentile(all, 50), Stats.percentile(all, 90), Stats.percentile(all, 99), Stats.percentile(all, 99.9),
                all.length == 0 ? Double.NaN : all[all.length - 1], mean, elapsed > 0 ? okTotal / elapsed : 0);
    }

    private static double[] sortedLatencies(List<Sender> senders) {
        double[] all = new double[senders.stream().mapToInt(s -> s.recorded).sum()];
        int at = 0;
        for (Sender s : senders) {
            System.arraycopy(s.latencies, 0, all, at, s.recorded);
            at += s.recorded;
        }
        Arrays.sort(all);
        return all;
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
        return new Sequential(Stats.sorted(Arrays.copyOf(out, done)), total, done == 0 ? Double.NaN : out[0]);
    }
}
