package io.jdfs.console.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.feed.StatusFeed;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DataServerState;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The cluster at a glance: capacity, namespace, block health, server states, and their recent history. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard · JDFS")
public class DashboardView extends LiveView {
    private final Span banner = new Span();
    private final Card capacity = new Card("Capacity used", "dash-used");
    private final ProgressBar usedBar = new ProgressBar(0, 1, 0);
    private final Card free = new Card("Free", "dash-free");
    private final Card files = new Card("Files", "dash-files");
    private final Card blocks = new Card("Blocks", "dash-blocks");
    private final Card under = new Card("Under-replicated blocks", "dash-under");
    private final Card missing = new Card("Missing blocks", "dash-missing");
    private final Card corrupt = new Card("Corrupt replicas found", "dash-corrupt");
    private final Map<DataServerState, Card> states = new EnumMap<>(DataServerState.class);
    private final Div usedChart = new Div();
    private final Div blocksChart = new Div();
    private final Div liveChart = new Div();
    private final Div growthChart = new Div();
    private final Span growthNow = new Span();

    public DashboardView() {
        banner.setId("dash-error");
        banner.getStyle().set("color", "var(--lumo-error-text-color)");
        usedBar.setId("dash-used-bar");
        Div capacityBox = new Div(capacity, usedBar);
        capacityBox.getStyle().set("flex", "2 1 16em");
        add(new H2("Dashboard"), banner, row(capacityBox, free, files, blocks), row(under, missing, corrupt));
        Div serverRow = row();
        for (DataServerState s : DataServerState.values()) {
            Card c = new Card(label(s) + " servers", "dash-" + s.name().toLowerCase());
            states.put(s, c);
            serverRow.add(c);
        }
        add(new H2("Data servers"), serverRow);
        growthNow.setId("dash-growth");
        add(new H2("Last minutes"), row(chart("Capacity used", usedChart), chart("Blocks", blocksChart),
                chart("Live data servers", liveChart), chart("Stored bytes written per second (net, all replicas)",
                        growthChart)), growthNow);
    }

    private static Div row(com.vaadin.flow.component.Component... cs) {
        Div d = new Div(cs);
        d.setWidthFull();
        d.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        return d;
    }

    private static Div chart(String title, Div svg) {
        Span t = new Span(title);
        t.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        Div d = new Div(t, svg);
        d.getStyle().set("flex", "1 1 16em");
        return d;
    }

    static String label(DataServerState s) {
        String n = s.name().toLowerCase();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    protected void render(StatusFeed.Snapshot snapshot) {
        banner.setText(snapshot.error() == null ? "" : snapshot.error());
        ClusterStatus s = snapshot.status();
        if (s == null) {
            return;
        }
        capacity.set(Format.bytes(s.used()), Format.percent(s.used(), s.capacity()) + " of " + Format.bytes(s.capacity()));
        usedBar.setValue(s.capacity() <= 0 ? 0 : Math.min(1, (double) s.used() / s.capacity()));
        free.set(Format.bytes(s.remaining()), "capacity " + Format.bytes(s.capacity()));
        files.set(Format.count(s.files()), Format.count(s.directories()) + " directories");
        blocks.set(Format.count(s.blocks()), null);
        under.set(Format.count(s.underReplicatedBlocks()), "being copied again").alarm(s.underReplicatedBlocks() > 0);
        missing.set(Format.count(s.missingBlocks()), "no live replica").alarm(s.missingBlocks() > 0);
        long corruptFound = snapshot.events().stream().filter(e -> e.kind() == ClusterEvent.Kind.CORRUPT_REPLICA).count();
        corrupt.set(Format.count(corruptFound), "in the recent events").alarm(corruptFound > 0);
        Map<DataServerState, Integer> n = new EnumMap<>(DataServerState.class);
        for (DataServerInfo d : s.servers()) {
            n.merge(d.state(), 1, Integer::sum);
        }
        for (Map.Entry<DataServerState, Card> e : states.entrySet()) {
            int k = n.getOrDefault(e.getKey(), 0);
            e.getValue().set(String.valueOf(k), "of " + s.servers().size())
                    .alarm(k > 0 && (e.getKey() == DataServerState.DEAD || e.getKey() == DataServerState.STALE));
        }
        List<StatusFeed.Sample> h = snapshot.samples();
        usedChart.getElement().setProperty("innerHTML", Charts.line(h, x -> x.used(), 1, "var(--lumo-primary-color)"));
        blocksChart.getElement().setProperty("innerHTML", Charts.line(h, x -> x.blocks(), 1, "var(--lumo-success-color)"));
        liveChart.getElement().setProperty("innerHTML", Charts.line(h, x -> x.liveServers(), 1, "var(--lumo-error-color)"));
        List<Double> growth = growth(h);
        growthChart.getElement().setProperty("innerHTML", Charts.line(growth, x -> x, 1, "var(--lumo-primary-color)"));
        growthNow.setText(growth.isEmpty() ? "" : "now " + Format.bytes(Math.round(growth.get(growth.size() - 1))) + "/s"
                + " stored (read throughput needs the cluster's metrics)");
    }

    /** Bytes per second by which the stored data grew between polls (deletes count as 0). */
    static List<Double> growth(List<StatusFeed.Sample> h) {
        List<Double> out = new java.util.ArrayList<>();
        for (int i = 1; i < h.size(); i++) {
            long dt = h.get(i).atMillis() - h.get(i - 1).atMillis();
            long d = h.get(i).used() - h.get(i - 1).used();
            out.add(dt <= 0 ? 0 : Math.max(0, d * 1000.0 / dt));
        }
        return out;
    }
}
