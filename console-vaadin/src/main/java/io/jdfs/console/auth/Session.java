package io.jdfs.console.auth;

import com.vaadin.flow.server.VaadinSession;
import io.jdfs.console.ConsoleBackend;

/** Who is logged in to this browser session; without a users file everybody is an admin. */
public final class Session {
    private static final String USER = Session.class.getName() + ".user";
    private static final String ROLE = Session.class.getName() + ".role";

    private Session() {
    }

    public static boolean open() {
        return ConsoleBackend.current().users() == null;
    }

    public static boolean loggedIn() {
        return open() || VaadinSession.getCurrent().getAttribute(ROLE) != null;
    }

    public static String user() {
        Object u = VaadinSession.getCurrent().getAttribute(USER);
        return u == null ? null : u.toString();
    }

    /** True when this session may change the cluster. */
    public static boolean mayChange() {
        if (open()) {
            return true;
        }
        Object r = VaadinSession.getCurrent().getAttribute(ROLE);
        return r instanceof Role role && role.mayChange();
    }

    public static boolean login(String name, String password) {
        Users users = ConsoleBackend.current().users();
        Role role = users == null ? Role.ADMIN : users.authenticate(name, password);
        if (role == null) {
            return false;
        }
        VaadinSession s = VaadinSession.getCurrent();
        s.setAttribute(USER, name);
        s.setAttribute(ROLE, role);
        return true;
    }

    public static void logout() {
        VaadinSession s = VaadinSession.getCurrent();
        s.setAttribute(USER, null);
        s.setAttribute(ROLE, null);
        s.getSession().invalidate();
    }
}
