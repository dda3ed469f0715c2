package io.jdfs.console.ui;

import java.util.List;
import java.util.Map;

/** A server x block grid as SVG: a filled cell where a server holds a replica, red where it is corrupt. */
final class BlockPicture {
    private BlockPicture() {
    }

    static String svg(List<BlockMapView.BlockRow> rows, Map<String, String> servers) {
        int n = Math.min(rows.size(), BlockMapView.pictureLimit());
        int cell = 14, label = 150;
        int w = label + n * cell + 2, h = (servers.size() + 1) * cell + 2;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(w).append("' height='").append(h)
                .append("' style='font: 11px sans-serif; fill: currentColor'>");
        int y = cell;
        for (String address : servers.values()) {
            b.append("<text x='0' y='").append(y + cell - 3).append("'>").append(escape(address)).append("</text>");
            for (int i = 0; i < n; i++) {
                BlockMapView.BlockRow r = rows.get(i);
                boolean corrupt = r.corruptOn().contains(address);
                boolean holds = r.servers().contains(address);
                String fill = corrupt ? "var(--lumo-error-color)" : holds
                        ? (r.bad() ? "#d98e04" : "var(--lumo-success-color)") : "var(--lumo-contrast-10pct)";
                b.append("<rect x='").append(label + i * cell).append("' y='").append(y).append("' width='")
                        .append(cell - 2).append("' height='").append(cell - 2).append("' style='fill:").append(fill)
                        .append("'><title>block ").append(i).append(" on ").append(escape(address)).append("</title></rect>");
            }
            y += cell;
        }
        b.append("<text x='").append(label).append("' y='").append(cell - 3).append("'>blocks 0 to ").append(n - 1)
                .append(rows.size() > n ? " (of " + rows.size() + ")" : "").append("</text>");
        return b.append("</svg>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
