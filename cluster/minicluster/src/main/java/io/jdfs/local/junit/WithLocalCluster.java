package io.jdfs.local.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs against one {@link io.jdfs.local.LocalCluster} for all its tests: started
 * before the first (loopback, ephemeral ports, a temporary directory), stopped and deleted after the
 * last. The name server keeps its metadata in that directory as a real one does (checkpoint and journal,
 * the journal fsynced before an answer), so journal and fsync meters move and a restarted name server
 * reads it back. Its static {@code LocalCluster} fields are set to the cluster, and a static {@code DfsClient}
 * field named {@code client} to a client of it (acting as the process's user; other clients a test
 * makes itself); test methods may also take either as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalClusterExtension.class)
public @interface WithLocalCluster {
    /** Data servers to start. */
    int dataServers() default 2;

    /**
     * When over 0: a writer's lease expires this long after its last renewal (the name server's test
     * default otherwise), and the fixture's client renews every {@code leaseExpiryMillis / 6}, so that a
     * test can make a writer vanish and see its file recovered in seconds.
     */
    long leaseExpiryMillis() default 0;
}
