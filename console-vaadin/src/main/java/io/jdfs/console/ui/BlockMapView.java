package io.jdfs.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.WildcardParameter;
import io.jdfs.client.DfsClient;
import io.jdfs.console.ConsoleBackend;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FsckReport;
import io.jdfs.protocol.LocatedBlock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's blocks: each with its size, generation and the servers holding a replica, flagged when
 * under-replicated, corrupt or missing; and a picture of which server holds which block.
 */
@Route(value = "blocks", layout = MainLayout.class)
@PageTitle("Block map · JDFS")
public class BlockMapView extends VerticalLayout implements HasUrlParameter<String> {
    private final ConsoleBackend backend = ConsoleBackend.current();
    private final H2 title = new H2();
    private final Span summary = new Span();
    private final Grid<BlockRow> grid = new Grid<>();
    private final Div picture = new Div();
    private String path = "/";

    /** One block as shown: where it lives and what is wrong with it. */
    record BlockRow(int index, LocatedBlock located, FsckReport.BlockHealth health, List<String> servers,
                    List<String> corruptOn) {
        boolean bad() {
            return health != null && !health.flags().isEmpty()
                    && !(health.flags().size() == 1 && health.flags().contains(FsckReport.Flag.OVER_REPLICATED));
        }

        String flags() {
            return health == null || health.flags().isEmpty() ? "ok" : String.join(", ",
                    health.flags().stream().map(f -> f.name().toLowerCase().replace('_', '-')).sorted().toList());
        }
    }

    public BlockMapView() {
        setWidthFull();
        summary.setId("blocks-summary");
        grid.setId("blocks-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(BlockRow::index).setHeader("#").setAutoWidth(true);
        grid.addColumn(r -> r.located().block().id()).setHeader("Block id").setAutoWidth(true);
        grid.addColumn(r -> r.located().block().generation()).setHeader("Generation").setAutoWidth(true);
        grid.addColumn(r -> Format.bytes(r.located().offset())).setHeader("Offset").setAutoWidth(true);
        grid.addColumn(r -> Format.bytes(r.located().block().length())).setHeader("Size").setAutoWidth(true);
        grid.addColumn(r -> r.health() == null ? r.servers().size() + "" : r.health().liveReplicas() + " / " + r.health().expected())
                .setHeader("Replicas").setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.servers())).setHeader("Servers").setFlexGrow(4);
        grid.addComponentColumn(r -> {
            Span s = new Span(r.flags() + (r.corruptOn().isEmpty() ? "" : " (corrupt on " + String.join(", ", r.corruptOn()) + ")"));
            if (r.bad()) {
                s.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
            }
            s.getElement().setAttribute("data-flags", r.flags());
            return s;
        }).setHeader("Health").setFlexGrow(1);
        grid.setPartNameGenerator(r -> r.bad() ? "bad-block" : null);
        grid.setWidthFull();
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        picture.setId("blocks-picture");
        picture.setWidthFull();
        picture.getStyle().set("overflow-x", "auto");
        add(title, new HorizontalLayout(summary, refresh), grid, new H3("Where the blocks live"), picture);
    }

    @Override
    public void setParameter(BeforeEvent event, @WildcardParameter String parameter) {
        path = DfsPaths.fromUrl(parameter);
        load();
    }

    private void load() {
        title.removeAll();
        title.add(new Span("Block map of "), new RouterLink(path, FilesView.class, DfsPaths.toUrl(DfsPaths.parent(path))));
        try {
            DfsClient c = backend.client();
            FileStatus st = c.stat(path);
            if (st.isDirectory()) {
                summary.setText(path + " is a directory: pick a file");
                grid.setItems(List.of());
                return;
            }
            Map<String, String> address = new LinkedHashMap<>();
            for (DataServerInfo d : c.clusterStatus().servers()) {
                address.put(d.id(), d.address());
            }
            List<LocatedBlock> located = c.allBlocks(path);
            FsckReport report = c.admin().fsck(path);
            List<FsckReport.BlockHealth> health = report.files().isEmpty() ? List.of() : report.files().get(0).blocks();
            List<BlockRow> rows = new ArrayList<>();
            for (int i = 0; i < located.size(); i++) {
                LocatedBlock lb = located.get(i);
                FsckReport.BlockHealth h = i < health.size() && health.get(i).block().id() == lb.block().id()
                        ? health.get(i) : null;
                List<String> servers = lb.locations().stream().map(r -> r.address()).toList();
                List<String> corrupt = h == null ? List.of()
                        : h.corruptOn().stream().map(id -> address.getOrDefault(id, id)).toList();
                rows.add(new BlockRow(i, lb, h, servers, corrupt));
            }
            long bad = rows.stream().filter(BlockRow::bad).count();
            summary.setText(Format.bytes(st.length()) + " in " + plural(rows.size(), "block") + " of "
                    + Format.bytes(st.blockSize()) + ", replication " + st.replication()
                    + (bad == 0 ? ", every block healthy" : ", " + plural(bad, "block") + " need" + (bad == 1 ? "s" : "")
                    + " attention"));
            boolean small = rows.size() <= 15; // a small file needs no scroll box
            grid.setAllRowsVisible(small);
            grid.setHeight(small ? null : "22em");
            grid.setItems(rows);
            picture.getElement().setProperty("innerHTML", BlockPicture.svg(rows.stream()
                    .map(r -> new BlockPicture.Column(java.util.Set.copyOf(r.servers()), java.util.Set.copyOf(r.corruptOn()),
                            r.bad())).toList(), address.values()));
        } catch (Exception e) {
            summary.setText("cannot read the blocks of " + path + ": " + e.getMessage());
            grid.setItems(List.of());
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
