package io.jdfs.console.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A figure on the dashboard: a label, a big value (with an id tests and scripts read), a detail line. */
public final class Card extends Div {
    private final Span value = new Span("-");
    private final Span detail = new Span();

    public Card(String label, String id) {
        Span l = new Span(label);
        l.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        value.setId(id);
        value.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        detail.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        Div box = new Div(l, value, detail);
        box.getStyle().set("display", "flex").set("flex-direction", "column");
        add(box);
        getStyle().set("padding", "var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("background", "var(--lumo-contrast-5pct)").set("min-width", "10em").set("flex", "1 1 10em");
    }

    public Card set(String v, String d) {
        value.setText(v);
        detail.setText(d == null ? "" : d);
        return this;
    }

    /** Red when something needs attention. */
    public Card alarm(boolean on) {
        value.getStyle().set("color", on ? "var(--lumo-error-text-color)" : "var(--lumo-body-text-color)");
        return this;
    }
}
