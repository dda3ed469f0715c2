package io.jdfs.console.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.jdfs.console.ConsoleBackend;
import io.jdfs.console.auth.Session;

/** The frame of every view: title, navigation, who is logged in (or that the console is open). */
public class MainLayout extends AppLayout {
    /** Follows the browser's light or dark preference, also when it changes. */
    private static final String FOLLOW_COLOR_SCHEME = """
            const m = window.matchMedia('(prefers-color-scheme: dark)');
            const f = () => document.documentElement.setAttribute('theme', m.matches ? 'dark' : '');
            f(); m.addEventListener('change', f);""";

    public MainLayout() {
        H1 title = new H1("JDFS console");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Span access = new Span();
        access.setId("access-note");
        access.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, access);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        header.expand(access);
        if (ConsoleBackend.current().users() == null) {
            access.setText("open console (no users file)");
            access.setTitle("No users file is configured: anyone who reaches this port may change the cluster");
        } else if (Session.loggedIn()) {
            access.setText(Session.user() + (Session.mayChange() ? "" : " (read-only)"));
            Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), e -> {
                Session.logout();
                getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
            });
            logout.setId("logout");
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            header.add(logout);
        }
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("Data servers", ServersView.class, VaadinIcon.SERVER.create()));
        nav.addItem(new SideNavItem("Files", FilesView.class, VaadinIcon.FOLDER_O.create()));
        nav.addItem(new SideNavItem("Health", HealthView.class, VaadinIcon.DOCTOR.create()));
        nav.addItem(new SideNavItem("Events", EventsView.class, VaadinIcon.LIST.create()));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().executeJs(FOLLOW_COLOR_SCHEME);
    }
}
