package io.jdfs.console.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;

/**
 * Application-wide settings: server push (the live views update themselves over a WebSocket).
 * Lumo is the default theme; no {@code @Theme}: it would ask for a custom frontend bundle.
 */
@Push
public class AppShell implements AppShellConfigurator {
}
