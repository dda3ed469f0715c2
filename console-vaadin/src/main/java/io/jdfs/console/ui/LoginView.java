package io.jdfs.console.ui;

import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jdfs.console.auth.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The login page, shown only when a users file is configured. */
@Route("login")
@PageTitle("Log in · JDFS")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private static final Logger LOG = LoggerFactory.getLogger(LoginView.class);

    public LoginView() {
        LoginForm form = new LoginForm();
        form.setId("login-form");
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(e -> {
            if (Session.login(e.getUsername(), e.getPassword())) {
                LOG.info("console: {} logged in", e.getUsername());
                getUI().ifPresent(ui -> ui.navigate(DashboardView.class));
            } else {
                LOG.info("console: login refused for '{}'", e.getUsername());
                form.setError(true);
            }
        });
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        add(form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (Session.open()) {
            event.forwardTo(DashboardView.class);
        }
    }
}
