package io.jdfs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole suite in smoke mode against a cluster in this process: checks the report's structure
 * (every suite there, figures positive, ratios computed, JSON with every sample), never its speed.
 */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void smokeRunReportsEverySuite() throws Exception {
        BenchOptions o = BenchOptions.defaults(null, true, dir).smokeSized();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Report report = Bench.run(o, new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false));

        System.out.print(err.toString(StandardCharsets.UTF_8));
        System.out.print(report.table());
        assertThat(report.failed()).isEmpty();
        // the cli suite runs the launcher jar as new processes: built after this module, so absent here
        assertThat(report.skipped()).containsOnlyKeys("cli");
        assertThat(report.skipped().get("cli")).contains("launcher jar");
        List<String> inProcess = BenchOptions.ALL.stream().filter(s -> !s.equals("cli")).toList();
        Set<String> suites = report.figures().stream().map(Figure::suite).collect(Collectors.toSet());
        assertThat(suites).containsAll(inProcess).contains("startup");
        for (Figure f : report.figures()) {
            assertThat(f.samples()).as(f.name()).hasSize(1);
            assertThat(f.median()).as(f.name()).isPositive().isFinite();
            if (f.limitName() != null) {
                assertThat(f.limitSamples()).as(f.name()).hasSize(1);
                assertThat(f.ratio()).as(f.name()).isPositive().isFinite();
            }
        }
        assertThat(report.figures()).filteredOn(f -> f.limitName() != null).extracting(Figure::suite)
                .contains("write", "read", "parallel", "small");

        String table = report.table();
        for (String s : BenchOptions.ALL) {
            assertThat(table).contains(s); // cli among the skipped ones
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[bench");

        Path json = dir.resolve("out/bench.json");
        report.writeJson(json);
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("figures")).hasSize(report.figures().size());
        for (JsonNode f : root.get("figures")) {
            assertThat(f.get("samples").size()).isEqualTo(1);
            assertThat(f.get("median").asDouble()).isPositive();
            if (f.has("limit")) {
                assertThat(f.get("limit").get("samples").size()).isEqualTo(1);
                assertThat(f.get("ratio").asDouble()).isPositive();
            }
        }
        assertThat(root.get("settings").get("liveness").asText()).contains("heartbeat");
        // nothing left behind: the cluster's data and the local limits' files are gone
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("out"));
        }
    }

    @Test
    void remoteRunSkipsTheSuitesThatNeedTheClusterInProcess() {
        assertThat(new BenchOptions(io.jdfs.client.ClientConfig.of("127.0.0.1:1"), false, dir, 1 << 20, 1, 1, 1,
                1, 1, 1000, 6000, true, List.of("heal", "write")).suites()).containsExactly("write", "heal");
    }

    @Test
    void medianAndRatio() {
        Figure rate = new Figure("s", "n", "MiB/s", true, "limit");
        for (double v : new double[]{3, 1, 2}) {
            rate.add(v);
        }
        rate.addLimit(10);
        rate.addLimit(30);
        assertThat(rate.median()).isEqualTo(2);
        assertThat(rate.limitMedian()).isEqualTo(20);
        assertThat(rate.ratio()).isEqualTo(0.1);
        Figure time = new Figure("s", "n", "ms", false, "limit");
        time.add(40);
        time.addLimit(10);
        assertThat(time.ratio()).isEqualTo(0.25);
    }
}
