package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.it.PrometheusText.Sample;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.ClusterMeters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.jdfs.it.PrometheusText.sum;
import static io.jdfs.it.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /metrics} of the name server and of each data server: valid Prometheus text (a strict
 * parser), with the meters an operator graphs, and values that move when the cluster works.
 */
@WithLocalCluster(dataServers = 2) // its journal is on disk and fsynced: the journal meters move
class MetricsTest {
    private static final int MIB = 1 << 20;
    private static LocalCluster cluster;
    private static DfsClient client;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static List<Sample> scrape(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return PrometheusText.parse(r.body());
    }

    static List<Sample> nameServer() throws Exception {
        return scrape(cluster.nameServer().webPort());
    }

    /** Every data server's samples, concatenated (sums across servers). */
    static List<Sample> dataServers() throws Exception {
        List<Sample> all = new java.util.ArrayList<>();
        for (int i = 0; i < cluster.dataServers().size(); i++) {
            all.addAll(scrape(cluster.dataServerWebPort(i)));
        }
        return all;
    }

    static byte[] write(String path, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        try (DfsOutputStream out = client.create(path)) {
            out.write(data);
        }
        return data;
    }

    @Test
    void nameServerServesRpcJournalNamespaceReplicationAndJvmMeters() throws Exception {
        List<Sample> before = nameServer();
        double files = value(before, "jdfs_files");
        double fsyncs = value(before, "jdfs_journal_fsync_seconds_count");
        client.mkdirs("/ns");
        for (int i = 0; i < 3; i++) {
            write("/ns/f" + i, 1000);
        }
        List<Sample> s = nameServer();
        assertThat(value(s, "jdfs_rpc_seconds_count", "call", "CreateWithBlock", "outcome", "ok")).isGreaterThanOrEqualTo(3);
        assertThat(value(s, "jdfs_rpc_seconds_count", "call", "Mkdirs", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(PrometheusText.find(s, "jdfs_rpc_seconds_bucket", "call", "CreateWithBlock")).hasSizeGreaterThan(10);
        assertThat(value(s, "jdfs_files")).isEqualTo(files + 3);
        assertThat(value(s, "jdfs_blocks")).isGreaterThanOrEqualTo(3);
        assertThat(value(s, "jdfs_dataservers_live")).isEqualTo(2);
        assertThat(value(s, "jdfs_journal_transactions_total")).isGreaterThanOrEqualTo(7);
        // every Mkdirs and Complete waits for an fsync: the fsync timer and the batch sizes moved
        assertThat(value(s, "jdfs_journal_fsyncs_total")).isPositive();
        assertThat(value(s, "jdfs_journal_fsync_seconds_count")).isGreaterThan(fsyncs);
        assertThat(value(s, "jdfs_journal_fsync_seconds_sum")).isPositive();
        assertThat(value(s, "jdfs_journal_batch_transactions_count")).isPositive();
        assertThat(value(s, "jdfs_journal_batch_transactions_sum"))
                .isGreaterThanOrEqualTo(value(s, "jdfs_journal_batch_transactions_count"));
        assertThat(value(s, "jdfs_journal_batch_bytes_sum")).isPositive();
        assertThat(value(s, "jdfs_replication_queued")).isZero();
        assertThat(value(s, "jdfs_replication_in_flight")).isZero();
        assertThat(PrometheusText.find(s, "jdfs_replication_copied_bytes_total")).hasSize(1);
        assertThat(PrometheusText.find(s, "jdfs_dataserver_used_bytes")).hasSize(2);
        assertThat(sum(s, "jvm_memory_used_bytes", "area", "heap")).isPositive();
    }

    @Test
    void dataServersCountBytesWrittenAndReadTransfersDiskAndCalls() throws Exception {
        List<Sample> before = dataServers();
        double written = sum(before, "jdfs_dataserver_written_bytes_total");
        double read = sum(before, "jdfs_dataserver_read_bytes_total");
        double writes = sum(before, "jdfs_dataserver_transfer_seconds_count", "op", "write_block", "outcome", "ok");
        double blocks = sum(before, "jdfs_dataserver_blocks");

        client.mkdirs("/ds");
        byte[] data = write("/ds/one-mib", MIB);
        try (DfsInputStream in = client.open("/ds/one-mib")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }

        List<Sample> after = dataServers();
        // two data servers, replication 2 or more: both store the MiB, and one of them sends it back
        assertThat(sum(after, "jdfs_dataserver_written_bytes_total", "source", "client") - written)
                .isGreaterThanOrEqualTo(2.0 * MIB);
        assertThat(sum(after, "jdfs_dataserver_read_bytes_total", "source", "client") - read)
                .isGreaterThanOrEqualTo(MIB);
        assertThat(sum(after, "jdfs_dataserver_transfer_seconds_count", "op", "write_block", "outcome", "ok") - writes)
                .isGreaterThanOrEqualTo(2);
        assertThat(sum(after, "jdfs_dataserver_transfer_seconds_count", "op", "read_block")).isPositive();
        assertThat(sum(after, "jdfs_dataserver_blocks")).isEqualTo(blocks + 2);
        assertThat(sum(after, "jdfs_dataserver_used_bytes")).isGreaterThanOrEqualTo(2.0 * MIB);
        assertThat(PrometheusText.find(after, "jdfs_dataserver_capacity_bytes")).hasSize(2)
                .allSatisfy(x -> assertThat(x.value()).isPositive());
        assertThat(PrometheusText.find(after, "jdfs_dataserver_transfers")).hasSize(2);
        assertThat(PrometheusText.find(after, "jdfs_dataserver_replications")).hasSize(2);
        // heartbeats every 300 ms: the first may not have gone yet when this test runs first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sum(dataServers(),
                "jdfs_dataserver_nameserver_call_seconds_count", "call", "Heartbeat", "outcome", "ok")).isPositive());
        assertThat(sum(after, "jdfs_dataserver_nameserver_call_seconds_count", "call", "BlockReceived")).isPositive();
        assertThat(sum(after, "jvm_memory_used_bytes", "area", "heap")).isPositive();
    }

    @Test
    void clusterBytesReachTheNameServerAndItsClientApiReadsTheSameMeters() throws Exception {
        ClusterMeters m0 = client.admin().meters();
        double scraped0 = value(nameServer(), "jdfs_cluster_written_bytes_total");
        client.mkdirs("/cl");
        write("/cl/half-mib", MIB / 2);
        // the data servers report their totals with the next heartbeat: then the name server's sum is
        // exactly what the data servers count themselves
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double total = value(nameServer(), "jdfs_cluster_written_bytes_total");
            assertThat(total).isEqualTo(sum(dataServers(), "jdfs_dataserver_written_bytes_total"));
            assertThat(total - scraped0).isGreaterThanOrEqualTo(MIB); // two replicas
        });
        ClusterMeters m1 = client.admin().meters();
        assertThat(m1.bytesWritten() - m0.bytesWritten()).isGreaterThanOrEqualTo(MIB);
        assertThat(m1.journalTransactions()).isGreaterThan(m0.journalTransactions());
        assertThat(m1.journalFsyncs()).isGreaterThan(m0.journalFsyncs());
        assertThat(m1.rpcCalls()).isGreaterThan(m0.rpcCalls());
        assertThat(m1.atMillis()).isGreaterThanOrEqualTo(m0.atMillis());
        // the reply and /metrics read the same counters
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat((double) client.admin().meters().bytesWritten())
                .isEqualTo(value(nameServer(), "jdfs_cluster_written_bytes_total")));
        // the JSON admin API serves the same totals
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + cluster.nameServer().webPort() + "/api/meters")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        ClusterMeters fromApi = io.jdfs.protocol.Json.MAPPER.readValue(json.body(), ClusterMeters.class);
        assertThat(fromApi.bytesWritten()).isGreaterThanOrEqualTo(m1.bytesWritten());
        assertThat(fromApi.journalTransactions()).isGreaterThanOrEqualTo(m1.journalTransactions());
        try (DfsInputStream in = client.open("/cl/half-mib")) {
            in.readAllBytes();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.admin().meters().bytesRead() - m1.bytesRead()).isGreaterThanOrEqualTo(MIB / 2));
    }

    @Test
    void aCopyTheNameServerOrdersCountsAsReplicationOnBothDataServersAndTheNameServer() throws Exception {
        List<Sample> before = dataServers();
        double copiedBytes = value(nameServer(), "jdfs_replication_copied_bytes_total");
        client.mkdirs("/rep");
        try (DfsOutputStream out = client.create("/rep/f", io.jdfs.client.CreateOptions.defaults().withReplication(1))) {
            out.write(new byte[MIB / 4]);
        }
        client.setReplication("/rep/f", 2); // the other server gets a copy from the first
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Sample> after = dataServers();
            assertThat(sum(after, "jdfs_dataserver_read_bytes_total", "source", "replication")
                    - sum(before, "jdfs_dataserver_read_bytes_total", "source", "replication"))
                    .isGreaterThanOrEqualTo(MIB / 4);
            assertThat(sum(after, "jdfs_dataserver_written_bytes_total", "source", "replication")
                    - sum(before, "jdfs_dataserver_written_bytes_total", "source", "replication"))
                    .isGreaterThanOrEqualTo(MIB / 4);
            assertThat(sum(after, "jdfs_dataserver_transfer_seconds_count", "op", "replicate", "outcome", "ok")
                    - sum(before, "jdfs_dataserver_transfer_seconds_count", "op", "replicate", "outcome", "ok"))
                    .isEqualTo(1);
            assertThat(value(nameServer(), "jdfs_replication_copied_bytes_total") - copiedBytes)
                    .isGreaterThanOrEqualTo(MIB / 4);
        });
        assertThat(sum(dataServers(), "jdfs_dataserver_replications")).isZero();
    }

    @Test
    void everyWebPortAnswersUnknownPathsWithJson404() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + cluster.dataServerWebPort(0) + "/nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no such endpoint: /nope");
    }
}
