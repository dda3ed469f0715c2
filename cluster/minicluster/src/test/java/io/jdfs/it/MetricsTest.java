package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The name server's {@code /metrics}: valid Prometheus text format, with the meters an operator graphs. */
class MetricsTest {
    /** One sample line of the text format 0.0.4: name, optional {labels}, value (and optional timestamp). */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\})? "
                    + "([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[-+]?Inf))( -?[0-9]+)?$");
    private static final Pattern META = Pattern.compile("^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$");

    record Sample(String name, String labels, double value) {
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || META.matcher(line).matches()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                fail("not a Prometheus text-format line: " + line);
            }
            String v = m.group(4);
            out.add(new Sample(m.group(1), m.group(3) == null ? "" : m.group(3),
                    v.endsWith("Inf") ? (v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                            : Double.parseDouble(v)));
        }
        return out;
    }

    static double value(List<Sample> samples, String name, String labelPart) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().contains(labelPart))
                .mapToDouble(Sample::value).findFirst().orElseThrow(() -> new AssertionError("no sample " + name
                        + " with " + labelPart));
    }

    @Test
    void metricsAreValidPrometheusTextWithRpcJournalNamespaceAndServerMeters(@TempDir Path dir) throws Exception {
        // with a metadata directory, so the journal (and its fsyncs) is there to measure
        try (LocalCluster c = LocalCluster.start(dir, NameServerConfig.forTests().withMetaDir(dir.resolve("meta")), 2, 0, 0);
             DfsClient client = c.newClient()) {
            c.awaitRegistered(Duration.ofSeconds(10));
            client.mkdirs("/m");
            for (int i = 0; i < 3; i++) {
                try (DfsOutputStream out = client.create("/m/f" + i)) {
                    out.write(new byte[1000]);
                }
            }
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + c.nameServer().webPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            List<Sample> samples = parse(r.body());
            Map<String, Double> byName = new LinkedHashMap<>();
            samples.forEach(s -> byName.putIfAbsent(s.name(), s.value()));

            assertThat(value(samples, "jdfs_rpc_seconds_count", "call=\"Create\"")).isGreaterThanOrEqualTo(3);
            assertThat(value(samples, "jdfs_rpc_seconds_count", "call=\"Mkdirs\"")).isGreaterThanOrEqualTo(1);
            assertThat(byName).containsKey("jdfs_rpc_seconds_bucket");
            assertThat(byName.get("jdfs_files")).isEqualTo(3);
            assertThat(byName.get("jdfs_directories")).isEqualTo(2); // / and /m
            assertThat(byName.get("jdfs_blocks")).isEqualTo(3);
            assertThat(byName.get("jdfs_dataservers_live")).isEqualTo(2);
            assertThat(byName.get("jdfs_journal_transactions_total")).isGreaterThanOrEqualTo(7);
            assertThat(byName.get("jdfs_journal_fsyncs_total")).isPositive();
            assertThat(samples.stream().filter(s -> s.name().equals("jdfs_dataserver_used_bytes"))).hasSize(2);
            assertThat(byName.get("jvm_memory_used_bytes")).isPositive();
        }
    }
}
