package io.jdfs.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.WildcardParameter;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.jdfs.client.DfsInputStream;
import io.jdfs.console.ConsoleBackend;
import io.jdfs.console.auth.Session;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;

/**
 * Browses the namespace: a lazily read directory listing, upload (streamed into the cluster) and
 * download, new folder, rename, delete, mode, owner and replication; a file opens on its block map.
 */
@Route(value = "files", layout = MainLayout.class)
@PageTitle("Files · JDFS")
public class FilesView extends VerticalLayout implements HasUrlParameter<String> {
    private final ConsoleBackend backend = ConsoleBackend.current();
    private final boolean mayChange = Session.mayChange();
    private final HorizontalLayout crumbs = new HorizontalLayout();
    private final Grid<FileStatus> grid = new Grid<>();
    private final Anchor download = new Anchor();
    private final Button blocks = new Button("Block map", VaadinIcon.CUBES.create());
    private final Button rename = new Button("Rename", VaadinIcon.EDIT.create());
    private final Button chmod = new Button("Mode", VaadinIcon.LOCK.create());
    private final Button chown = new Button("Owner", VaadinIcon.USER.create());
    private final Button replication = new Button("Replication", VaadinIcon.COPY_O.create());
    private final Button delete = new Button("Delete", VaadinIcon.TRASH.create());
    private final FileActions actions;
    private volatile String dir = "/";

    public FilesView() {
        setSizeFull();
        actions = new FileActions(backend, this::reload);
        crumbs.setId("files-crumbs");
        crumbs.setSpacing(false);
        crumbs.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        Button mkdir = new Button("New folder", VaadinIcon.FOLDER_ADD.create(), e -> actions.mkdir(dir));
        mkdir.setId("files-mkdir");
        Button refresh = new Button(VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("files-refresh");
        refresh.setAriaLabel("Refresh");
        Upload upload = new Upload(new UploadToCluster(backend, () -> dir, (ui, name) -> ui.access(() -> {
            Notices.done("uploaded " + name);
            reload();
        })));
        upload.setId("files-upload");
        upload.setDropAllowed(true);
        upload.setVisible(mayChange);
        mkdir.setEnabled(mayChange);

        download.setId("files-download");
        download.add(new Button("Download", VaadinIcon.DOWNLOAD.create()));
        download.getElement().setAttribute("download", true);
        blocks.setId("files-blocks");
        blocks.addClickListener(e -> selected().ifPresent(f ->
                UI.getCurrent().navigate(BlockMapView.class, DfsPaths.toUrl(f.path()))));
        rename.setId("files-rename");
        rename.addClickListener(e -> selected().ifPresent(actions::rename));
        chmod.setId("files-chmod");
        chmod.addClickListener(e -> selected().ifPresent(actions::chmod));
        chown.setId("files-chown");
        chown.addClickListener(e -> selected().ifPresent(actions::chown));
        replication.setId("files-replication");
        replication.addClickListener(e -> selected().ifPresent(actions::replication));
        delete.setId("files-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(e -> selected().ifPresent(actions::delete));

        HorizontalLayout tools = new HorizontalLayout(mkdir, refresh, download, blocks, rename, chmod, chown, replication,
                delete);
        tools.getStyle().set("flex-wrap", "wrap");

        grid.setId("files-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(FilesView::nameCell).setHeader("Name").setFlexGrow(3);
        grid.addColumn(f -> f.isDirectory() ? "" : Format.bytes(f.length())).setHeader("Size").setAutoWidth(true);
        grid.addColumn(f -> f.isDirectory() ? "" : String.valueOf(f.replication())).setHeader("Replication")
                .setAutoWidth(true);
        grid.addColumn(f -> Format.mode(f.mode(), f.isDirectory())).setHeader("Mode").setAutoWidth(true);
        grid.addColumn(f -> f.uid() + ":" + f.gid()).setHeader("Owner").setAutoWidth(true);
        grid.addColumn(f -> Format.nanosTime(f.mtimeNanos())).setHeader("Modified").setAutoWidth(true);
        grid.addItemDoubleClickListener(e -> open(e.getItem()));
        grid.addSelectionListener(e -> selectionChanged());
        grid.setSizeFull();
        grid.setPageSize(200);
        selectionChanged();

        add(new H2("Files"), crumbs, tools, upload, grid);
        expand(grid);
    }

    private static Component nameCell(FileStatus f) {
        Span name = new Span(f.name());
        Component icon = (f.isDirectory() ? VaadinIcon.FOLDER : VaadinIcon.FILE_O).create();
        HorizontalLayout h = new HorizontalLayout(icon, name);
        h.setSpacing(true);
        h.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (!f.complete()) {
            Span writing = new Span("being written");
            writing.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
            h.add(writing);
        }
        return h;
    }

    @Override
    public void setParameter(BeforeEvent event, @WildcardParameter String parameter) {
        dir = DfsPaths.fromUrl(parameter);
        try {
            FileStatus s = backend.client().statOrNull(dir);
            if (s != null && !s.isDirectory()) {
                event.forwardTo(BlockMapView.class, DfsPaths.toUrl(dir)); // a file opens on its block map
                return;
            }
            if (s == null) {
                Notices.failed("cannot open " + dir, new java.io.FileNotFoundException("no such directory"));
            }
        } catch (IOException e) {
            Notices.failed("cannot open " + dir, e);
        }
        drawCrumbs();
        reload();
    }

    private java.util.Optional<FileStatus> selected() {
        return grid.getSelectedItems().stream().findFirst();
    }

    private void open(FileStatus f) {
        if (f.isDirectory()) {
            UI.getCurrent().navigate(FilesView.class, DfsPaths.toUrl(f.path()));
        } else {
            UI.getCurrent().navigate(BlockMapView.class, DfsPaths.toUrl(f.path()));
        }
    }

    /** Reads the directory again from its first page. */
    void reload() {
        try {
            String listed = dir;
            DirectoryListing listing = new DirectoryListing(backend.client(), listed,
                    e -> Notices.failed("cannot list " + listed, e));
            // size unknown until the last page: the estimate grows in big steps so the scroll bar
            // can reach far ends of a huge directory quickly
            grid.setItems(q -> listing.fetch(q.getOffset(), q.getLimit()))
                    .setItemCountEstimate(1_000);
            grid.getLazyDataView().setItemCountEstimateIncrease(10_000);
        } catch (IOException e) {
            Notices.failed("cannot list " + dir, e);
            grid.setItems();
        }
        selectionChanged();
    }

    private void drawCrumbs() {
        crumbs.removeAll();
        crumbs.add(new RouterLink("/", FilesView.class, ""));
        String acc = "";
        for (String part : dir.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            acc = acc + "/" + part;
            crumbs.add(new Span("\u00a0"), new RouterLink(part, FilesView.class, DfsPaths.toUrl(acc)),
                    new Span("\u00a0/"));
        }
    }

    private void selectionChanged() {
        FileStatus f = selected().orElse(null);
        boolean file = f != null && f.isFile();
        download.setEnabled(file);
        if (file) {
            String path = f.path();
            download.setHref(DownloadHandler.fromInputStream(ev -> {
                try {
                    DfsInputStream in = backend.client().open(path);
                    return new DownloadResponse(in, DfsPaths.name(path), "application/octet-stream", in.length());
                } catch (IOException e) {
                    return DownloadResponse.error(404, e.getMessage());
                }
            }));
        } else {
            download.removeHref();
        }
        blocks.setEnabled(file);
        rename.setEnabled(mayChange && f != null);
        chmod.setEnabled(mayChange && f != null);
        chown.setEnabled(mayChange && f != null);
        replication.setEnabled(mayChange && f != null);
        delete.setEnabled(mayChange && f != null);
    }

}
