package io.jdfs.shell.client;

import io.jdfs.rpc.tls.ClusterCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dfs admin certs}: a self-signed cluster CA and node key stores, for a test cluster. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Make a self-signed cluster CA and a PKCS#12 key store per node, for a test cluster with TLS.",
                "Writes DIR/ca.p12 (the CA's key: keep it to add nodes; run again to issue more), DIR/ca.pem,"
                        + " DIR/trust.p12 (the CA only: give it to clients) and DIR/NODE.p12 per --node.",
                "Then: dfs nameserver|dataserver|webdav|local --tls-keystore DIR/NODE.p12, and clients"
                        + " --tls-keystore DIR/trust.p12, all with JDFS_TLS_PASSWORD set."})
public final class CertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "certs", description = "Where to write (default ./certs)")
    Path dir;

    @Option(names = "--node", paramLabel = "NAME", description = "A node key store to issue (repeatable; default: node)")
    List<String> nodes;

    @Option(names = "--host", paramLabel = "HOST", required = true,
            description = "A DNS name or IP address the nodes are reached by (repeatable), e.g. --host localhost"
                    + " --host 127.0.0.1")
    List<String> hosts;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Validity in days (default 365)")
    int days;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password of every store written (prefer env JDFS_TLS_PASSWORD)")
    String password;

    @Override
    public Integer call() throws IOException {
        String pw = password != null ? password : System.getenv("JDFS_TLS_PASSWORD");
        if (pw == null || pw.isEmpty()) {
            throw new IllegalArgumentException("give the stores a password: set JDFS_TLS_PASSWORD (or --password)");
        }
        for (String n : nodes == null ? List.<String>of() : nodes) {
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("node name '" + n + "': letters, digits, '.', '_' and '-' only");
            }
        }
        ClusterCertificates.Written w = ClusterCertificates.create(dir, pw, nodes == null ? List.of("node") : nodes,
                hosts, Duration.ofDays(days));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("cluster CA     %s (its key; keep it private)%n", w.caStore());
        out.printf("CA certificate %s (for curl --cacert, browsers)%n", w.caPem());
        out.printf("trust store    %s (clients: --tls-keystore)%n", w.trustStore());
        for (Path p : w.nodeStores()) {
            out.printf("node           %s (servers: --tls-keystore), for %s%n", p, String.join(", ", hosts));
        }
        out.flush();
        return 0;
    }
}
