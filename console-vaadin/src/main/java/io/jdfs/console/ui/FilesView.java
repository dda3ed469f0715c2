package io.jdfs.console.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.feed.StatusFeed;

@Route(value = "files", layout = MainLayout.class)
@PageTitle("Files · JDFS")
public class FilesView extends LiveView {
    public FilesView() {
        add(new H2("Files"));
    }

    @Override
    protected void render(StatusFeed.Snapshot snapshot) {
    }
}
