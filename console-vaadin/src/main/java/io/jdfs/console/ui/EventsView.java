package io.jdfs.console.ui;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.feed.StatusFeed;
import io.jdfs.protocol.ClusterEvent;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The cluster's event log, newest first, filtered by kind and by text; new events appear as they happen. */
@Route(value = "events", layout = MainLayout.class)
@PageTitle("Events · JDFS")
public class EventsView extends LiveView {
    private final Grid<ClusterEvent> grid = new Grid<>();
    private final MultiSelectComboBox<ClusterEvent.Kind> kinds = new MultiSelectComboBox<>("Kinds");
    private final TextField text = new TextField("Contains");
    private final Span count = new Span();
    private List<ClusterEvent> all = List.of();

    public EventsView() {
        setSizeFull();
        kinds.setId("events-kinds");
        kinds.setItems(ClusterEvent.Kind.values());
        kinds.setItemLabelGenerator(k -> k.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        kinds.addValueChangeListener(e -> filter());
        text.setId("events-text");
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> filter());
        text.setClearButtonVisible(true);
        count.setId("events-count");
        grid.setId("events-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> Format.millisTime(e.timeMillis())).setHeader("Time").setAutoWidth(true);
        grid.addColumn(e -> e.kind().name()).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(ClusterEvent::subject).setHeader("Subject").setAutoWidth(true);
        grid.addColumn(ClusterEvent::message).setHeader("Message").setFlexGrow(3);
        grid.setSizeFull();
        HorizontalLayout filters = new HorizontalLayout(kinds, text, count);
        filters.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(new H2("Events"), filters, grid);
        expand(grid);
    }

    @Override
    protected void render(StatusFeed.Snapshot snapshot) {
        List<ClusterEvent> events = snapshot.events();
        boolean changed = events.size() != all.size()
                || (!events.isEmpty() && events.get(0).seq() != all.get(0).seq());
        if (changed || all.isEmpty()) {
            all = events;
            filter();
        }
    }

    private void filter() {
        Set<ClusterEvent.Kind> k = kinds.getValue();
        String t = text.getValue().strip().toLowerCase(Locale.ROOT);
        List<ClusterEvent> shown = all.stream()
                .filter(e -> k.isEmpty() || k.contains(e.kind()))
                .filter(e -> t.isEmpty() || (e.subject() + " " + e.message()).toLowerCase(Locale.ROOT).contains(t))
                .toList();
        grid.setItems(shown);
        count.setText(shown.size() + " of " + all.size() + " events");
    }
}
