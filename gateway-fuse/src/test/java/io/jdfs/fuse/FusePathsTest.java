package io.jdfs.fuse;

import io.jdfs.protocol.DfsPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FusePathsTest {
    @Test
    void theWholeNamespace() {
        FusePaths p = new FusePaths("/");
        assertThat(p.toCluster("/")).isEqualTo("/");
        assertThat(p.toCluster("/a/b c")).isEqualTo("/a/b c");
    }

    @Test
    void aSubtreeAsRoot() {
        FusePaths p = new FusePaths("/projects/x/");
        assertThat(p.root()).isEqualTo("/projects/x");
        assertThat(p.toCluster("/")).isEqualTo("/projects/x");
        assertThat(p.toCluster("/src/Main.java")).isEqualTo("/projects/x/src/Main.java");
    }

    @Test
    void relativeRootsAreRefused() {
        assertThatThrownBy(() -> new FusePaths("data")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parentAndName() {
        assertThat(FusePaths.parent("/a")).isEqualTo("/");
        assertThat(FusePaths.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(FusePaths.name("/a/b/c")).isEqualTo("c");
    }

    @Test
    void tempSiblingsAreHiddenValidAndUnique() {
        String t1 = FusePaths.tempSibling("/dir/report.pdf");
        String t2 = FusePaths.tempSibling("/dir/report.pdf");
        assertThat(t1).startsWith("/dir/.jdfs-fuse-report.pdf.").isNotEqualTo(t2);
        assertThat(FusePaths.isTemp(FusePaths.name(t1))).isTrue();
        assertThat(FusePaths.isTemp("report.pdf")).isFalse();
        assertThat(FusePaths.tempSibling("/top")).startsWith("/.jdfs-fuse-top.");
        String longName = "/d/" + "n".repeat(255);
        DfsPath.of(FusePaths.tempSibling(longName)); // a 255-byte name still gives a valid temp name
    }
}
