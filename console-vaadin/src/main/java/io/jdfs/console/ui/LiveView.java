package io.jdfs.console.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.jdfs.console.ConsoleBackend;
import io.jdfs.console.feed.StatusFeed;

/**
 * A view that redraws itself from every snapshot of the status feed while it is on screen, pushed
 * to the browser: no reload, no polling from the page.
 */
public abstract class LiveView extends VerticalLayout {
    protected final ConsoleBackend backend = ConsoleBackend.current();
    private Runnable unsubscribe;

    protected LiveView() {
        setWidthFull();
        setPadding(true);
    }

    /** Draws the snapshot; called with the session locked. */
    protected abstract void render(StatusFeed.Snapshot snapshot);

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        render(backend.feed().last());
        UI ui = event.getUI();
        unsubscribe = backend.feed().subscribe(s -> ui.access(() -> render(s)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        super.onDetach(event);
    }
}
