package io.jdfs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measured figure: its samples (one per repetition) and, when it has one, the local limit measured in
 * the same repetitions. The ratio compares speeds: JDFS / limit for rates, limit / JDFS for times, so
 * 1.0 means "as fast as this machine allows" either way.
 */
public final class Figure {
    private final String suite;
    private final String name;
    private final String unit;
    private final boolean higherIsBetter;
    private final String limitName;
    private final List<Double> samples = new ArrayList<>();
    private final List<Double> limitSamples = new ArrayList<>();

    Figure(String suite, String name, String unit, boolean higherIsBetter, String limitName) {
        this.suite = suite;
        this.name = name;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.limitName = limitName;
    }

    void add(double v) {
        samples.add(v);
    }

    void addLimit(double v) {
        limitSamples.add(v);
    }

    public String suite() {
        return suite;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** What the local limit is, or null when the figure has none. */
    public String limitName() {
        return limitName;
    }

    public List<Double> samples() {
        return Collections.unmodifiableList(samples);
    }

    public List<Double> limitSamples() {
        return Collections.unmodifiableList(limitSamples);
    }

    public double median() {
        return median(samples);
    }

    /** The median local limit, or NaN without one. */
    public double limitMedian() {
        return limitSamples.isEmpty() ? Double.NaN : median(limitSamples);
    }

    /** Fraction of the local limit's speed, or NaN without a limit. */
    public double ratio() {
        double l = limitMedian();
        double v = median();
        if (Double.isNaN(l) || Double.isNaN(v) || v == 0 || l == 0) {
            return Double.NaN;
        }
        return higherIsBetter ? v / l : l / v;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
