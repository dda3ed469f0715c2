package io.jdfs.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.auth.Session;
import io.jdfs.console.feed.StatusFeed;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DataServerState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every data server with its state, heartbeat, space and blocks; decommission and recommission. */
@Route(value = "servers", layout = MainLayout.class)
@PageTitle("Data servers · JDFS")
public class ServersView extends LiveView {
    private final Grid<DataServerInfo> grid = new Grid<>();
    private final List<DataServerInfo> rows = new ArrayList<>();
    /** Rows keep their identity (the server id) across polls: selection and clicks survive a redraw. */
    private final ListDataProvider<DataServerInfo> data = new ListDataProvider<>(rows) {
        @Override
        public Object getId(DataServerInfo d) {
            return d.id();
        }
    };
    private final Span banner = new Span();
    private final Div blocksChart = new Div();
    private final boolean mayChange = Session.mayChange();

    public ServersView() {
        setHeightFull();
        grid.setId("servers-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(DataServerInfo::address).setHeader("Address").setAutoWidth(true).setSortable(true)
                .setComparator(Comparator.comparing(DataServerInfo::address));
        grid.addColumn(DataServerInfo::rack).setHeader("Rack").setAutoWidth(true).setSortable(true);
        grid.addComponentColumn(ServersView::stateBadge).setHeader("State").setWidth("12em").setFlexGrow(0)
                .setComparator(Comparator.comparing(DataServerInfo::state));
        grid.addColumn(d -> Format.age(d.lastHeartbeatMillisAgo())).setHeader("Heartbeat").setAutoWidth(true);
        grid.addComponentColumn(ServersView::useBar).setHeader("Use").setWidth("14em").setFlexGrow(1);
        grid.addColumn(d -> Format.count(d.blocks())).setHeader("Blocks").setAutoWidth(true)
                .setComparator(Comparator.comparingLong(DataServerInfo::blocks));
        grid.addColumn(DataServerInfo::activeTransfers).setHeader("Transfers").setAutoWidth(true);
        // a Lit template, not a component: the rows are redrawn on every poll, and a component
        // button replaced under the user's click would swallow it
        grid.addColumn(LitRenderer.<DataServerInfo>of("""
                        <vaadin-button theme="small ${item.theme}" data-server="${item.address}"
                            ?disabled="${item.disabled}" @click="${act}">${item.label}</vaadin-button>""")
                .withProperty("address", DataServerInfo::address)
                .withProperty("label", d -> draining(d) ? "Recommission" : "Decommission")
                .withProperty("theme", d -> draining(d) ? "tertiary" : "error")
                .withProperty("disabled", d -> !mayChange || d.state() == DataServerState.DEAD)
                .withFunction("act", d -> confirm(d, !draining(d)))).setHeader("").setAutoWidth(true);
        grid.setPartNameGenerator(d -> d.state() == DataServerState.DEAD ? "dead" : null);
        grid.setWidthFull();
        grid.setAllRowsVisible(true);
        grid.setItems(data);
        banner.getStyle().set("color", "var(--lumo-error-text-color)");
        blocksChart.setId("servers-blocks-chart");
        add(new H2("Data servers"), banner, grid, new H2("Blocks per server"), blocksChart);
    }

    /** The state, red when dead, amber when stale; the attribute lets scripts read it. */
    static Component stateBadge(DataServerInfo d) {
        Span s = new Span(d.state().name());
        s.getElement().setAttribute("data-state", d.state().name());
        String bg = switch (d.state()) {
            case DEAD -> "var(--lumo-error-color)";
            case STALE -> "#d98e04";
            case DECOMMISSIONING, DECOMMISSIONED -> "var(--lumo-contrast-50pct)";
            case LIVE -> "var(--lumo-success-color)";
        };
        s.getStyle().set("background", bg).set("color", "white").set("padding", "0 0.5em")
                .set("border-radius", "var(--lumo-border-radius-m)").set("font-size", "var(--lumo-font-size-s)");
        return s;
    }

    private static Component useBar(DataServerInfo d) {
        double f = d.capacity() <= 0 ? 0 : Math.min(1, (double) d.used() / d.capacity());
        ProgressBar bar = new ProgressBar(0, 1, f);
        Span label = new Span(Format.bytes(d.used()) + " of " + Format.bytes(d.capacity()) + " ("
                + Format.percent(d.used(), d.capacity()) + ")");
        label.getStyle().set("font-size", "var(--lumo-font-size-xs)");
        Div box = new Div(label, bar);
        box.setWidthFull();
        return box;
    }

    private static boolean draining(DataServerInfo d) {
        return d.state() == DataServerState.DECOMMISSIONING || d.state() == DataServerState.DECOMMISSIONED;
    }

    private void confirm(DataServerInfo d, boolean decommission) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("server-confirm");
        dialog.setHeader((decommission ? "Decommission " : "Recommission ") + d.address() + "?");
        dialog.setText(decommission
                ? "Its " + Format.count(d.blocks()) + " blocks are copied to other servers while it keeps serving "
                + "reads; then it holds no needed replica and can be switched off."
                : "It goes back in service and receives new blocks again.");
        dialog.setCancelable(true);
        dialog.setConfirmText(decommission ? "Decommission" : "Recommission");
        if (decommission) {
            dialog.setConfirmButtonTheme("error primary");
        }
        dialog.addConfirmListener(e -> {
            try {
                DataServerInfo after = decommission ? backend.client().admin().decommission(d.id())
                        : backend.client().admin().recommission(d.id());
                Audit.log((decommission ? "decommission " : "recommission ") + d.address() + " (" + d.id() + ")");
                Notices.done(d.address() + " is " + after.state().name().toLowerCase());
                backend.feed().refreshSoon();
            } catch (Exception ex) {
                Notices.failed((decommission ? "Decommission of " : "Recommission of ") + d.address() + " failed", ex);
            }
        });
        dialog.open();
    }

    @Override
    protected void render(StatusFeed.Snapshot snapshot) {
        banner.setText(snapshot.error() == null ? "" : snapshot.error());
        if (snapshot.status() == null) {
            return;
        }
        rows.clear();
        rows.addAll(snapshot.status().servers().stream().sorted(Comparator.comparing(DataServerInfo::address)).toList());
        data.refreshAll();
        blocksChart.getElement().setProperty("innerHTML", Charts.bars(rows.stream().map(DataServerInfo::address).toList(),
                rows.stream().map(DataServerInfo::blocks).toList(), "var(--lumo-primary-color)"));
    }
}
