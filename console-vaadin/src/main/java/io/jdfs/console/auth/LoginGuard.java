package io.jdfs.console.auth;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.jdfs.console.ui.LoginView;

/**
 * Sends every navigation of a browser that has not logged in to the login page, before the view
 * it asked for is even created (no listing, no fsck runs for a stranger). Without a users file
 * everybody is let in.
 */
public class LoginGuard implements VaadinServiceInitListener {
    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(LoginGuard::check));
    }

    private static void check(BeforeEnterEvent event) {
        if (event.getNavigationTarget() != LoginView.class && !Session.loggedIn()) {
            event.forwardTo(LoginView.class);
        }
    }
}
