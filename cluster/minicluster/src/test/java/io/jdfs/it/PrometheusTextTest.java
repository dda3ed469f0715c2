package io.jdfs.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test parser refuses what Prometheus would refuse, so MetricsTest passing means something. */
class PrometheusTextTest {
    private static final String GOOD = """
            # HELP a_total things
            # TYPE a_total counter
            a_total{x="1",y="q\\"uote"} 3.0
            # TYPE h_seconds histogram
            h_seconds_bucket{le="0.1"} 1
            h_seconds_bucket{le="+Inf"} 2
            h_seconds_count 2
            h_seconds_sum 0.3
            """;

    @Test
    void readsValidText() {
        var s = PrometheusText.parse(GOOD);
        assertThat(PrometheusText.value(s, "a_total", "y", "q\"uote")).isEqualTo(3.0);
        assertThat(PrometheusText.value(s, "h_seconds_count")).isEqualTo(2);
    }

    @Test
    void refusesSamplesWithoutTypeDuplicatesBadLabelsAndBrokenHistograms() {
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n")).hasMessageContaining("outside its family");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na 1\na 2\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{x=1} 1\n")).hasMessageContaining("bad labels");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na one\n")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\nb 1\n")).hasMessageContaining("outside");
        assertThatThrownBy(() -> PrometheusText.parse(GOOD.replace("h_seconds_count 2", "h_seconds_count 3")))
                .hasMessageContaining("+Inf");
        assertThatThrownBy(() -> PrometheusText.parse(GOOD.replace("le=\"0.1\"} 1", "le=\"0.1\"} 5")))
                .hasMessageContaining("not rising");
        assertThatThrownBy(() -> PrometheusText.parse("# comment\n")).hasMessageContaining("neither HELP nor TYPE");
    }
}
