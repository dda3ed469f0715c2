package io.jdfs.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * HELP, a TYPE or a sample; a family's TYPE comes before its samples and once; samples belong to the
 * family declared last (with the suffixes its type allows); no series twice; histogram buckets rise
 * and end at {@code le="+Inf"} equal to {@code _count}. Anything else throws.
 */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)( -?[0-9]+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern HELP = Pattern.compile("^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$");

    record Sample(String family, String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.get(key);
        }
    }

    private PrometheusText() {
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> familiesWithSamples = new HashSet<>();
        String family = null;
        String type = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                continue;
            }
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null || familiesWithSamples.contains(m.group(1))) {
                    throw bad(lineNo, line, "a second TYPE, or a TYPE after the family's samples");
                }
                family = m.group(1);
                type = m.group(2);
                continue;
            }
            if (line.startsWith("#")) {
                throw bad(lineNo, line, "a comment that is neither HELP nor TYPE");
            }
            if (!(m = SAMPLE.matcher(line)).matches()) {
                throw bad(lineNo, line, "not a sample line");
            }
            String name = m.group(1);
            if (family == null || !belongs(name, family, type)) {
                throw bad(lineNo, line, "sample outside its family (last TYPE: " + family + " " + type + ")");
            }
            Map<String, String> labels = labels(m.group(2) == null ? "" : m.group(2), lineNo, line);
            if (!seen.add(name + labels)) {
                throw bad(lineNo, line, "the same series twice");
            }
            familiesWithSamples.add(family);
            out.add(new Sample(family, name, labels, number(m.group(3), lineNo, line)));
        }
        checkHistograms(out, types);
        return out;
    }

    private static boolean belongs(String name, String family, String type) {
        return switch (type) {
            case "counter" -> name.equals(family) || name.equals(family + "_total") || name.equals(family + "_created");
            case "histogram" -> name.equals(family + "_bucket") || name.equals(family + "_count")
                    || name.equals(family + "_sum") || name.equals(family + "_created");
            case "summary" -> name.equals(family) || name.equals(family + "_count") || name.equals(family + "_sum")
                    || name.equals(family + "_created");
            default -> name.equals(family);
        };
    }

    private static Map<String, String> labels(String body, int lineNo, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!m.find(at) || m.start() != at) {
                throw bad(lineNo, line, "bad labels at '" + body.substring(at) + "'");
            }
            String v = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (labels.put(m.group(1), v) != null) {
                throw bad(lineNo, line, "label " + m.group(1) + " twice");
            }
            at = m.end();
        }
        return labels;
    }

    private static double number(String v, int lineNo, String line) {
        switch (v) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw bad(lineNo, line, "not a number: " + v);
                }
        }
    }

    /** Buckets of one series: cumulative, rising with le, the +Inf one equal to _count. */
    private static void checkHistograms(List<Sample> samples, Map<String, String> types) {
        Map<String, List<Sample>> buckets = new LinkedHashMap<>();
        Map<String, Double> counts = new HashMap<>();
        for (Sample s : samples) {
            if (!"histogram".equals(types.get(s.family()))) {
                continue;
            }
            Map<String, String> rest = new LinkedHashMap<>(s.labels());
            rest.remove("le");
            String key = s.family() + rest;
            if (s.name().endsWith("_bucket")) {
                if (s.label("le") == null) {
                    throw new AssertionError("bucket without le: " + s);
                }
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(key, s.value());
            }
        }
        for (Map.Entry<String, List<Sample>> e : buckets.entrySet()) {
            double prevLe = Double.NEGATIVE_INFINITY;
            double prevCount = 0;
            for (Sample b : e.getValue()) {
                double le = number(b.label("le"), 0, b.toString());
                if (le <= prevLe || b.value() < prevCount) {
                    throw new AssertionError("histogram " + e.getKey() + ": buckets not rising at " + b);
                }
                prevLe = le;
                prevCount = b.value();
            }
            Sample last = e.getValue().get(e.getValue().size() - 1);
            if (!"+Inf".equals(last.label("le")) || !Double.valueOf(last.value()).equals(counts.get(e.getKey()))) {
                throw new AssertionError("histogram " + e.getKey() + ": no +Inf bucket equal to _count");
            }
        }
    }

    private static AssertionError bad(int lineNo, String line, String why) {
        return new AssertionError("Prometheus text, line " + lineNo + ": " + why + ": " + line);
    }

    /** The value of the one sample named {@code name} whose labels include {@code labels} (key, value pairs). */
    static double value(List<Sample> samples, String name, String... labels) {
        List<Sample> hits = find(samples, name, labels);
        if (hits.size() != 1) {
            throw new AssertionError(hits.size() + " samples " + name + " with " + List.of(labels) + ": " + hits);
        }
        return hits.get(0).value();
    }

    /** The sum over every sample named {@code name} whose labels include {@code labels}. */
    static double sum(List<Sample> samples, String name, String... labels) {
        return find(samples, name, labels).stream().mapToDouble(Sample::value).sum();
    }

    static List<Sample> find(List<Sample> samples, String name, String... labels) {
        List<Sample> out = new ArrayList<>();
        outer:
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.label(labels[i]))) {
                    continue outer;
                }
            }
            out.add(s);
        }
        return out;
    }
}
