package io.jdfs.fuse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mount point checks that give one clear line instead of libfuse's "return code = 1". */
class MounterTest {
    @TempDir
    Path dir;

    @Test
    void aMissingMountPoint() {
        assertThatThrownBy(() -> Mounter.checkMountPoint(dir.resolve("nope")))
                .isInstanceOf(MountException.class).hasMessageContaining("does not exist").hasMessageContaining("mkdir -p");
    }

    @Test
    void aFileIsNoMountPoint() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> Mounter.checkMountPoint(f))
                .isInstanceOf(MountException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void aNonEmptyDirectory() throws Exception {
        Files.writeString(dir.resolve("inside"), "x");
        assertThatThrownBy(() -> Mounter.checkMountPoint(dir))
                .isInstanceOf(MountException.class).hasMessageContaining("is not empty");
    }

    @Test
    void anEmptyDirectoryIsFine() throws Exception {
        Path mp = Files.createDirectory(dir.resolve("mnt"));
        assertThat(Mounter.checkMountPoint(mp)).isEqualTo(mp.toAbsolutePath());
        assertThat(Mounter.isMounted(mp)).isFalse();
        assertThat(Mounter.isMounted(Path.of("/proc"))).isTrue();
    }

    @Test
    void mountinfoEscapes() {
        assertThat(Mounter.unescape("/tmp/with\\040space")).isEqualTo("/tmp/with space");
        assertThat(Mounter.unescape("/plain")).isEqualTo("/plain");
        assertThat(Mounter.unescape("/back\\134slash")).isEqualTo("/back\\slash");
    }

    @Test
    void mountOptionsCarryTheThroughputAndSafetyFlags() {
        String o = String.join(" ", MountOptions.defaults().withAllowOther(true).fuseArgs("jdfs:h:1/"));
        assertThat(o).startsWith("-o ").contains("auto_unmount").contains("big_writes").contains("max_write=131072")
                .contains("default_permissions").contains("allow_other").contains("attr_timeout=1.0");
        assertThatThrownBy(() -> MountOptions.defaults().withAttrTimeout(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
