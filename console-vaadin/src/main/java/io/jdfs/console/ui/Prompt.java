package io.jdfs.console.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;

/** A dialog that asks for one value and runs an action with it; a failure stays in the dialog. */
final class Prompt {
    /** What runs with the value typed; its exception's message is shown to the user. */
    @FunctionalInterface
    interface Action {
        void run(String value) throws Exception;
    }

    private Prompt() {
    }

    static void ask(String title, String label, String initial, String okText, Action action) {
        Dialog d = new Dialog();
        d.setId("prompt");
        d.setHeaderTitle(title);
        TextField field = new TextField(label);
        field.setId("prompt-field");
        field.setValue(initial == null ? "" : initial);
        field.setWidthFull();
        field.setAutofocus(true);
        d.add(field);
        Button ok = new Button(okText, e -> {
            try {
                action.run(field.getValue());
                d.close();
            } catch (Exception ex) {
                field.setInvalid(true);
                field.setErrorMessage(ex.getMessage() == null ? ex.toString() : ex.getMessage());
            }
        });
        ok.setId("prompt-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.addClickShortcut(Key.ENTER);
        Button cancel = new Button("Cancel", e -> d.close());
        d.getFooter().add(cancel, ok);
        d.open();
    }
}
