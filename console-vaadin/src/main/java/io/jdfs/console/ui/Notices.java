package io.jdfs.console.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Short messages in the corner: what was done, or what went wrong in words a user can act on. */
public final class Notices {
    private Notices() {
    }

    public static void done(String message) {
        Notification n = Notification.show(message, 3_000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void failed(String what, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Notification n = Notification.show(what + ": " + why, 6_000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
