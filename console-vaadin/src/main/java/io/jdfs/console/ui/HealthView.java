package io.jdfs.console.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.jdfs.console.ConsoleBackend;
import io.jdfs.protocol.FsckReport;

import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DataServerInfo;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** fsck of the whole namespace: the totals, and each unhealthy file with a link to its block map. */
@Route(value = "health", layout = MainLayout.class)
@PageTitle("Health · JDFS")
public class HealthView extends VerticalLayout {
    private final ConsoleBackend backend = ConsoleBackend.current();
    private final Span status = new Span("checking...");
    private final Card blocks = new Card("Blocks checked", "health-blocks");
    private final Card under = new Card("Under-replicated", "health-under");
    private final Card corrupt = new Card("Corrupt", "health-corrupt");
    private final Card missing = new Card("Missing", "health-missing");
    private final Card mis = new Card("Mis-replicated (racks)", "health-mis");
    private final Card over = new Card("Over-replicated", "health-over");
    private final Grid<Unhealthy> grid = new Grid<>();
    private final Button run = new Button("Check again", VaadinIcon.REFRESH.create());
    private final Div picture = new Div();
    private final Span pictureNote = new Span();

    /** A file with at least one block that needs attention. */
    record Unhealthy(String path, int blocks, int badBlocks, Set<FsckReport.Flag> flags) {
    }

    public HealthView() {
        setSizeFull();
        status.setId("health-status");
        status.getStyle().set("font-weight", "600");
        Div cards = new Div(blocks, under, corrupt, missing, mis, over);
        cards.setWidthFull();
        cards.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        grid.setId("health-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(u -> new RouterLink(u.path(), BlockMapView.class, DfsPaths.toUrl(u.path())))
                .setHeader("File").setFlexGrow(3);
        grid.addColumn(u -> u.badBlocks() + " of " + u.blocks()).setHeader("Blocks needing attention").setAutoWidth(true);
        grid.addColumn(u -> String.join(", ", u.flags().stream().map(f -> f.name().toLowerCase().replace('_', '-')).toList()))
                .setHeader("Problems").setFlexGrow(2);
        grid.setSizeFull();
        run.setId("health-run");
        run.addClickListener(e -> check());
        picture.setId("health-picture");
        picture.setWidthFull();
        picture.getStyle().set("overflow-x", "auto");
        grid.setHeight("16em");
        add(new H2("Health"), status, run, cards, new H2("Files needing attention"), grid,
                new H2("Where the blocks live"), pictureNote, picture);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        check();
    }

    /** Runs fsck off the request thread (a big namespace takes a while) and pushes the result. */
    private void check() {
        UI ui = UI.getCurrent();
        run.setEnabled(false);
        status.setText("checking...");
        CompletableFuture.supplyAsync(() -> {
            try {
                return backend.client().admin().fsck("/");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).whenComplete((r, e) -> ui.access(() -> {
            run.setEnabled(true);
            if (e != null) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                status.setText("fsck failed: " + cause.getMessage());
                return;
            }
            show(r);
        }));
    }

    private void show(FsckReport r) {
        status.setText(r.healthy() ? "HEALTHY: every block has all its replicas"
                : r.missing() > 0 ? "CORRUPT: some blocks have no live replica" : "UNHEALTHY: some blocks need attention");
        status.getStyle().set("color", r.healthy() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        blocks.set(Format.count(r.blocks()), Format.count(r.filesVisited()) + " files");
        under.set(Format.count(r.underReplicated()), null).alarm(r.underReplicated() > 0);
        corrupt.set(Format.count(r.corrupt()), null).alarm(r.corrupt() > 0);
        missing.set(Format.count(r.missing()), null).alarm(r.missing() > 0);
        mis.set(Format.count(r.misReplicated()), null).alarm(r.misReplicated() > 0);
        over.set(Format.count(r.overReplicated()), null);
        List<Unhealthy> bad = r.files().stream().map(f -> {
            Set<FsckReport.Flag> flags = EnumSet.noneOf(FsckReport.Flag.class);
            int n = 0;
            for (FsckReport.BlockHealth b : f.blocks()) {
                Set<FsckReport.Flag> fl = EnumSet.noneOf(FsckReport.Flag.class);
                fl.addAll(b.flags());
                fl.remove(FsckReport.Flag.OVER_REPLICATED);
                if (!fl.isEmpty()) {
                    n++;
                    flags.addAll(fl);
                }
            }
            return new Unhealthy(f.path(), f.blocks().size(), n, flags);
        }).filter(u -> u.badBlocks() > 0).toList();
        grid.setItems(bad);
        drawPicture(r);
    }

    /** Every block of the cluster (the first {@value BlockPicture#MAX_BLOCKS}) against every server. */
    private void drawPicture(FsckReport r) {
        Map<String, String> address = new LinkedHashMap<>();
        ClusterStatus s = backend.feed().last().status();
        if (s != null) {
            s.servers().stream().sorted(java.util.Comparator.comparing(DataServerInfo::address))
                    .forEach(d -> address.put(d.id(), d.address()));
        }
        List<BlockPicture.Column> columns = new ArrayList<>();
        for (FsckReport.FileHealth f : r.files()) {
            for (FsckReport.BlockHealth b : f.blocks()) {
                Set<FsckReport.Flag> fl = EnumSet.noneOf(FsckReport.Flag.class);
                fl.addAll(b.flags());
                fl.remove(FsckReport.Flag.OVER_REPLICATED);
                columns.add(new BlockPicture.Column(
                        b.locations().stream().map(id -> address.getOrDefault(id, id)).collect(Collectors.toSet()),
                        b.corruptOn().stream().map(id -> address.getOrDefault(id, id)).collect(Collectors.toSet()),
                        !fl.isEmpty()));
            }
        }
        pictureNote.setText(columns.size() + " blocks in " + r.files().size() + " files on " + address.size() + " servers");
        picture.getElement().setProperty("innerHTML", BlockPicture.svg(columns, address.values()));
    }
}
