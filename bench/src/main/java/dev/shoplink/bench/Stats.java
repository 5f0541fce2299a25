package dev.shoplink.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Min / median / max of a few runs, and percentiles of many latencies. */
record Stats(double min, double median, double max, int n) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Stats(v[0], median, v[n - 1], n);
    }

    static Stats of(double... values) {
        List<Double> list = new ArrayList<>();
        for (double d : values) {
            list.add(d);
        }
        return of(list);
    }

    Stats map(DoubleUnaryOperator f) {
        return new Stats(f.applyAsDouble(min), f.applyAsDouble(median), f.applyAsDouble(max), n);
    }

    /** "min / **median** / max" with the given number of decimals. */
    String format(int decimals) {
        if (n == 0) {
            return "n/a";
        }
        if (n == 1) {
            return fmt(median, decimals) + " (1 run)";
        }
        return fmt(min, decimals) + " / **" + fmt(median, decimals) + "** / " + fmt(max, decimals);
    }

    static String fmt(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** Nearest-rank percentile (0..100) of the sorted array. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
