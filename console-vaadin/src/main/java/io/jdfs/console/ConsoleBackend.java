package io.jdfs.console;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.console.auth.Users;
import io.jdfs.console.feed.StatusFeed;
import com.vaadin.flow.server.VaadinServlet;

import java.io.IOException;

/**
 * What every browser session of one console shares: one client of the cluster, the status feed
 * that polls it once for all open pages, and the users. Kept as a servlet context attribute.
 */
public final class ConsoleBackend implements AutoCloseable {
    static final String ATTRIBUTE = ConsoleBackend.class.getName();

    private final ConsoleSettings settings;
    private final Users users;
    private final StatusFeed feed;
    private DfsClient client;
    private boolean closed;

    ConsoleBackend(ConsoleSettings settings) throws IOException {
        this.settings = settings;
        this.users = settings.usersFile() == null ? null : Users.load(settings.usersFile());
        this.feed = new StatusFeed(this::client, settings.refreshMillis());
    }

    /** The backend of the console serving the current request. */
    public static ConsoleBackend current() {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        if (servlet == null) {
            throw new IllegalStateException("no Vaadin request in progress");
        }
        Object b = servlet.getServletContext().getAttribute(ATTRIBUTE);
        if (b == null) {
            throw new IllegalStateException("the console was started without its backend (use ConsoleServer)");
        }
        return (ConsoleBackend) b;
    }

    /** The shared client, connected on first use (the name server may start after the console). */
    public synchronized DfsClient client() throws IOException {
        if (closed) {
            throw new IOException("the console is stopping");
        }
        if (client == null) {
            client = DfsClient.connect(ClientConfig.of(settings.nameServer()).withSecret(settings.secret())
                    .withTls(settings.tls()).withLogin(settings.login()));
        }
        return client;
    }

    public ConsoleSettings settings() {
        return settings;
    }

    public StatusFeed feed() {
        return feed;
    }

    /** The users allowed in, or null when the console is open (no users file). */
    public Users users() {
        return users;
    }

    @Override
    public void close() {
        feed.close();
        DfsClient c;
        synchronized (this) {
            closed = true;
            c = client;
            client = null;
        }
        if (c != null) {
            c.close();
        }
    }
}
