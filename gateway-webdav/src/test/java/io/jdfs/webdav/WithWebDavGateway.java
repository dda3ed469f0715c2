package io.jdfs.webdav;

import io.jdfs.client.DfsClient;
import io.jdfs.local.junit.LocalClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * A test class with one cluster (as {@link io.jdfs.local.junit.WithLocalCluster}, two data servers) and one
 * WebDAV gateway on it with the default options, for all its tests: its static {@link GatewayFixture} fields
 * are set before its {@code @BeforeAll} methods run; the gateway and the cluster stop after the last test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WithWebDavGateway.Extension.class)
@interface WithWebDavGateway {

    /** Starts the cluster (through {@link LocalClusterExtension}), then the gateway; stops them in reverse. */
    final class Extension implements BeforeAllCallback, AfterAllCallback {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Extension.class);
        private final LocalClusterExtension cluster = new LocalClusterExtension();

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            cluster.beforeAll(context);
            DfsClient client = LocalClusterExtension.client(context);
            GatewayFixture g = new GatewayFixture(LocalClusterExtension.cluster(context), client,
                    WebDavServer.start("127.0.0.1", 0, client, WebDavOptions.defaults()), false);
            context.getStore(NS).put(GatewayFixture.class, g);
            for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == GatewayFixture.class) {
                    f.setAccessible(true);
                    f.set(null, g);
                }
            }
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            GatewayFixture g = context.getStore(NS).remove(GatewayFixture.class, GatewayFixture.class);
            try {
                if (g != null) {
                    g.close();
                }
            } finally {
                cluster.afterAll(context);
            }
        }
    }
}
