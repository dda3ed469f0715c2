package io.jdfs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results: settings of the run, every figure with its samples, skipped and failed suites. */
public final class Report {
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();

    Figure add(Figure f) {
        synchronized (figures) {
            figures.add(f);
        }
        return f;
    }

    void setting(String key, Object value) {
        settings.put(key, value);
    }

    void skip(String suite, String why) {
        skipped.put(suite, why);
    }

    void fail(String suite, Exception e) {
        failed.put(suite, e.toString());
    }

    public Map<String, Object> settings() {
        return Collections.unmodifiableMap(settings);
    }

    public List<Figure> figures() {
        return Collections.unmodifiableList(figures);
    }

    public Map<String, String> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    public Map<String, String> failed() {
        return Collections.unmodifiableMap(failed);
    }

    /** The table people read: one line per figure, its median, the local limit, their ratio. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-12s %s%n", k + ":", v)));
        sb.append(String.format(Locale.ROOT, "%n%-9s %-44s %16s  %-31s %12s %6s %3s %7s%n", "suite", "figure",
                "JDFS (median)", "local limit (same run)", "limit", "ratio", "n", "spread"));
        sb.append("-".repeat(136)).append(System.lineSeparator());
        for (Figure f : figures) {
            boolean limit = f.limitName() != null;
            sb.append(String.format(Locale.ROOT, "%-9s %-44s %16s  %-31s %12s %6s %3d %7s%n", f.suite(), f.name(),
                    number(f.median()) + " " + f.unit(), limit ? f.limitName() : "-",
                    limit ? number(f.limitMedian()) : "-", limit ? ratio(f.ratio()) : "-",
                    f.samples().size(), spread(f.samples())));
        }
        skipped.forEach((s, why) -> sb.append(String.format(Locale.ROOT, "%-9s skipped: %s%n", s, why)));
        failed.forEach((s, why) -> sb.append(String.format(Locale.ROOT, "%-9s FAILED: %s%n", s, why)));
        sb.append("ratio = JDFS speed / local limit speed (for times: limit time / JDFS time); spread = (max - min) / median")
                .append(System.lineSeparator());
        return sb.toString();
    }

    /** Every setting, figure and sample as JSON. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("suite", f.suite());
            m.put("name", f.name());
            m.put("unit", f.unit());
            m.put("higherIsBetter", f.higherIsBetter());
            m.put("median", finite(f.median()));
            m.put("samples", f.samples());
            if (f.limitName() != null) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("name", f.limitName());
                l.put("median", finite(f.limitMedian()));
                l.put("samples", f.limitSamples());
                m.put("limit", l);
                m.put("ratio", finite(f.ratio()));
            }
            fs.add(m);
        }
        root.put("figures", fs);
        root.put("skipped", skipped);
        root.put("failed", failed);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json() + System.lineSeparator());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    static String ratio(double r) {
        if (!Double.isFinite(r)) {
            return "-";
        }
        return String.format(Locale.ROOT, r >= 0.1 ? "%.2f" : r >= 0.01 ? "%.3f" : "%.4f", r);
    }

    private static String spread(List<Double> samples) {
        if (samples.size() < 2) {
            return "-";
        }
        double m = Figure.median(samples);
        double d = Collections.max(samples) - Collections.min(samples);
        return m == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * d / Math.abs(m));
    }
}
