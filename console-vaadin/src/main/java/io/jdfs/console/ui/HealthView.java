package io.jdfs.console.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.feed.StatusFeed;

@Route(value = "health", layout = MainLayout.class)
@PageTitle("Health · JDFS")
public class HealthView extends LiveView {
    public HealthView() {
        add(new H2("Health"));
    }

    @Override
    protected void render(StatusFeed.Snapshot snapshot) {
    }
}
