package io.jdfs.common;

import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.InvalidPathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DfsPathTest {
    @Test
    void normalisesAndSplits() {
        DfsPath p = DfsPath.of("/a/b/c/");
        assertThat(p.toString()).isEqualTo("/a/b/c");
        assertThat(p.components()).containsExactly("a", "b", "c");
        assertThat(p.parent().toString()).isEqualTo("/a/b");
        assertThat(p.name()).isEqualTo("c");
        assertThat(DfsPath.of("/").isRoot()).isTrue();
        assertThat(DfsPath.ROOT.parent()).isNull();
        assertThat(DfsPath.of("/a/b").isSameOrDescendantOf(DfsPath.of("/a"))).isTrue();
        assertThat(DfsPath.of("/ab").isSameOrDescendantOf(DfsPath.of("/a"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "/a/../b", "/a/./b", "/..", "/a//b", "/a\0b", "//"})
    void refusesHostilePaths(String bad) {
        assertThatThrownBy(() -> DfsPath.of(bad)).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void refusesOverlongNamesAndPaths() {
        assertThatThrownBy(() -> DfsPath.of("/" + "x".repeat(256))).isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("255");
        assertThat(DfsPath.of("/" + "x".repeat(255)).name()).hasSize(255);
        // 255 bytes in UTF-8 is fewer than 255 characters for non-ASCII names
        assertThatThrownBy(() -> DfsPath.of("/" + "é".repeat(128))).isInstanceOf(InvalidPathException.class);
        String deep = ("/" + "y".repeat(200)).repeat(21);
        assertThatThrownBy(() -> DfsPath.of(deep)).isInstanceOf(InvalidPathException.class).hasMessageContaining("4096");
    }

    @Test
    void childChecksTheName() {
        assertThatThrownBy(() -> DfsPath.ROOT.child("..")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> DfsPath.ROOT.child("a/b")).isInstanceOf(InvalidPathException.class);
        assertThat(DfsPath.ROOT.child("a").toString()).isEqualTo("/a");
    }
}
