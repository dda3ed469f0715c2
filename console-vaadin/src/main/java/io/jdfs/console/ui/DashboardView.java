package io.jdfs.console.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.feed.StatusFeed;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.ClusterMeters;
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
    private final Div writeChart = new Div();
    private final Div readChart = new Div();
    private final Div journalChart = new Div();
    private final Span writeNow = new Span();
    private final Span readNow = new Span();
    private final Span journalNow = new Span();

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
        writeChart.setId("dash-write-chart");
        readChart.setId("dash-read-chart");
        journalChart.setId("dash-journal-chart");
        writeNow.setId("dash-write-rate");
        readNow.setId("dash-read-rate");
        journalNow.setId("dash-journal-rate");
        // throughput and journal rates come from the name server's meters (the ones /metrics serves)
        add(new H2("Last minutes"), row(chart("Write throughput (every replica)", writeChart, writeNow),
                chart("Read throughput", readChart, readNow), chart("Journal transactions per second", journalChart,
                        journalNow)),
                row(chart("Capacity used", usedChart), chart("Blocks", blocksChart),
                        chart("Live data servers", liveChart)));
    }

    private static Div row(com.vaadin.flow.component.Component... cs) {
        Div d = new Div(cs);
        d.setWidthFull();
        d.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        return d;
    }

    private static Div chart(String title, Div svg, Span... now) {
        Span t = new Span(title);
        t.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        Div d = new Div(t);
        for (Span n : now) {
            n.getStyle().set("float", "right").set("font-size", "var(--lumo-font-size-s)");
            d.add(n);
        }
        d.add(svg);
        d.getStyle().set("flex", "1 1 16em");
        return d;
    }

    static String label(DataServerState s) {
        String n = s.name().toLowerCase();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    protected void render(StatusFeed.Snapshot snapshot) {
        ClusterStatus s = snapshot.status();
        String alarm = snapshot.error();
        if (alarm == null && s != null && !s.writable()) {
            alarm = "The name server is READ-ONLY: " + s.readOnly(); // its journal failed: no change is taken
        }
        banner.setText(alarm == null ? "" : alarm);
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
        rate(writeChart, writeNow, StatusFeed.rates(h, ClusterMeters::bytesWritten), true, "var(--lumo-primary-color)");
        rate(readChart, readNow, StatusFeed.rates(h, ClusterMeters::bytesRead), true, "var(--lumo-success-color)");
        rate(journalChart, journalNow, StatusFeed.rates(h, ClusterMeters::journalTransactions), false,
                "var(--lumo-contrast-70pct)");
    }

    private static void rate(Div chart, Span now, List<Double> rates, boolean bytes, String color) {
        chart.getElement().setProperty("innerHTML", Charts.line(rates, x -> x, 1, color));
        if (rates.isEmpty()) {
            now.setText("");
            return;
        }
        double r = rates.get(rates.size() - 1);
        now.setText(bytes ? Format.bytes(Math.round(r)) + "/s" : String.format(java.util.Locale.ROOT, "%.1f/s", r));
    }
}
