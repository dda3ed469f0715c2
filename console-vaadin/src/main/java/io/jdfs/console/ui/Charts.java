package io.jdfs.console.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Small SVG line charts drawn on the server: no chart library, nothing to bundle. */
public final class Charts {
    private Charts() {
    }

    /** A line of {@code value} over the samples, scaled to its own maximum (at least {@code minMax}). */
    public static <T> String line(List<T> samples, ToDoubleFunction<T> value, double minMax, String color) {
        int w = 300, h = 60;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(w).append(' ').append(h)
                .append("' preserveAspectRatio='none' style='width:100%;height:60px'>")
                .append("<rect width='100%' height='100%' fill='none' stroke='currentColor' stroke-opacity='0.15'/>");
        if (samples.size() >= 2) {
            double max = minMax;
            for (T s : samples) {
                max = Math.max(max, value.applyAsDouble(s));
            }
            b.append("<polyline fill='none' style='stroke:").append(color).append("' stroke-width='2' points='");
            for (int i = 0; i < samples.size(); i++) {
                double x = (double) i * w / (samples.size() - 1);
                double y = h - 2 - (h - 4) * value.applyAsDouble(samples.get(i)) / max;
                b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            b.append("'/>");
        }
        return b.append("</svg>").toString();
    }

    /** Horizontal bars, one per label, scaled to the largest value; the value is written beside each. */
    public static String bars(List<String> labels, List<Long> values, String color) {
        int row = 18, label = 160, width = 300;
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(label + width + 80).append("' height='")
                .append(labels.size() * row + 2).append("' style='font: 11px sans-serif; fill: currentColor'>");
        for (int i = 0; i < labels.size(); i++) {
            int y = i * row;
            long v = values.get(i);
            int w = (int) Math.round((double) width * v / max);
            b.append("<text x='0' y='").append(y + row - 5).append("'>").append(escape(labels.get(i))).append("</text>")
                    .append("<rect x='").append(label).append("' y='").append(y + 3).append("' width='").append(w)
                    .append("' height='").append(row - 6).append("' style='fill:").append(color).append("'/>")
                    .append("<text x='").append(label + w + 4).append("' y='").append(y + row - 5).append("'>").append(v)
                    .append("</text>");
        }
        return b.append("</svg>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
