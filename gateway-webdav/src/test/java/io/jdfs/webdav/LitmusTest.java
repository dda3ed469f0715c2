package io.jdfs.webdav;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The WebDAV compliance suite (Debian package litmus) over all five suites against the gateway:
 * every test passes and no warning is issued.
 */
@WithWebDavGateway
class LitmusTest {
    static final Pattern SUMMARY = Pattern.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");

    @TempDir
    static Path dir;
    static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f.client.mkdirs("/litmus");
    }

    @Test
    void allSuitesPassWithoutWarnings() throws Exception {
        assumeTrue(Tools.installed("litmus"), "litmus is not installed (apt-get install litmus)");
        Tools.Result r = Tools.run(List.of("litmus", f.url("/litmus/")),
                Map.of("TESTS", "basic copymove props locks http"), dir, null, 300);
        System.out.println(r.output());
        Matcher m = SUMMARY.matcher(r.output());
        List<String> suites = new ArrayList<>();
        int passed = 0;
        while (m.find()) {
            suites.add(m.group(1));
            assertThat(m.group(4)).as("failures in %s:%n%s", m.group(1), r.output()).isEqualTo("0");
            assertThat(m.group(3)).as(m.group(1)).isEqualTo(m.group(2));
            passed += Integer.parseInt(m.group(3));
        }
        assertThat(suites).containsExactly("basic", "copymove", "props", "locks", "http");
        assertThat(passed).isEqualTo(104);
        assertThat(r.output()).doesNotContain("WARNING").doesNotContain("warning was issued");
        assertThat(r.exit()).isZero();
    }
}
