package io.jdfs.console.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.feed.StatusFeed;

@Route(value = "events", layout = MainLayout.class)
@PageTitle("Events · JDFS")
public class EventsView extends LiveView {
    public EventsView() {
        add(new H2("Events"));
    }

    @Override
    protected void render(StatusFeed.Snapshot snapshot) {
    }
}
