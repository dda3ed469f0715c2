package io.jdfs.local.junit;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** Starts the cluster of a {@link WithLocalCluster} test class, hands it out, and stops it. */
public final class LocalClusterExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalClusterExtension.class);

    private record Fixture(Path dir, LocalCluster cluster, DfsClient client) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> test = context.getRequiredTestClass();
        WithLocalCluster settings = test.getAnnotation(WithLocalCluster.class);
        int servers = settings == null ? 2 : settings.dataServers();
        long leaseExpiry = settings == null ? 0 : settings.leaseExpiryMillis();
        Path dir = Files.createTempDirectory("jdfs-" + test.getSimpleName());
        NameServerConfig config = NameServerConfig.forTests();
        LocalCluster cluster = LocalCluster.start(dir, leaseExpiry > 0 ? config.withLeaseExpiry(leaseExpiry) : config,
                servers, 0, 0);
        DfsClient client;
        try {
            cluster.awaitRegistered(Duration.ofSeconds(30));
            client = leaseExpiry > 0
                    ? DfsClient.connect(cluster.clientConfig().withLeaseRenew(Math.max(1, leaseExpiry / 6)))
                    : cluster.newClient();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        context.getStore(NS).put(Fixture.class, new Fixture(dir, cluster, client));
        for (Class<?> c = test; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())) {
                    if (f.getType() == LocalCluster.class) {
                        set(f, cluster);
                    } else if (f.getType() == DfsClient.class && f.getName().equals("client")) {
                        set(f, client);
                    }
                }
            }
        }
    }

    private static void set(Field f, Object value) throws IllegalAccessException {
        f.setAccessible(true);
        f.set(null, value);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Fixture f = context.getStore(NS).remove(Fixture.class, Fixture.class);
        if (f == null) {
            return;
        }
        try {
            f.client().close();
        } finally {
            f.cluster().close();
            try (Stream<Path> s = Files.walk(f.dir())) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The cluster this extension started for the test class of {@code context} (for extensions built on it). */
    public static LocalCluster cluster(ExtensionContext context) {
        return fixture(context).cluster();
    }

    /** The client of that cluster. */
    public static DfsClient client(ExtensionContext context) {
        return fixture(context).client();
    }

    private static Fixture fixture(ExtensionContext context) {
        Fixture f = context.getStore(NS).get(Fixture.class, Fixture.class);
        if (f == null) {
            throw new ParameterResolutionException("no local cluster: annotate the class with @WithLocalCluster");
        }
        return f;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == LocalCluster.class || t == DfsClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Fixture f = fixture(e);
        return p.getParameter().getType() == LocalCluster.class ? f.cluster() : f.client();
    }
}
