package io.jdfs.console.ui;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A server x block grid as SVG: a row per server, a column per block; a cell is green where the
 * server holds a replica, amber when that block needs attention, red where its replica is corrupt.
 */
final class BlockPicture {
    static final int MAX_BLOCKS = 400;

    /** One block: the addresses holding a good replica, those holding a corrupt one, whether it needs attention. */
    record Column(Set<String> holders, Set<String> corrupt, boolean bad) {
    }

    private BlockPicture() {
    }

    static String svg(List<Column> blocks, Collection<String> servers) {
        int n = Math.min(blocks.size(), MAX_BLOCKS);
        int cell = 14, label = 150;
        int w = label + Math.max(n, 10) * cell + 2, h = (servers.size() + 1) * cell + 2;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(w).append("' height='").append(h)
                .append("' style='font: 11px sans-serif; fill: currentColor'>");
        int y = cell;
        for (String address : servers) {
            b.append("<text x='0' y='").append(y + cell - 3).append("'>").append(Charts.escape(address)).append("</text>");
            for (int i = 0; i < n; i++) {
                Column c = blocks.get(i);
                String fill = c.corrupt().contains(address) ? "var(--lumo-error-color)"
                        : c.holders().contains(address) ? (c.bad() ? "#d98e04" : "var(--lumo-success-color)")
                        : "var(--lumo-contrast-10pct)";
                b.append("<rect x='").append(label + i * cell).append("' y='").append(y).append("' width='")
                        .append(cell - 2).append("' height='").append(cell - 2).append("' style='fill:").append(fill)
                        .append("'><title>block ").append(i).append(" on ").append(Charts.escape(address))
                        .append("</title></rect>");
            }
            y += cell;
        }
        b.append("<text x='").append(label).append("' y='").append(cell - 3).append("'>")
                .append(n == 0 ? "no blocks" : "blocks 0 to " + (n - 1) + (blocks.size() > n ? " (of " + blocks.size() + ")" : ""))
                .append("</text>");
        return b.append("</svg>").toString();
    }
}
