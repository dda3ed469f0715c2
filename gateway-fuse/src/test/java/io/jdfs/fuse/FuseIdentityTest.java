package io.jdfs.fuse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mounted as root with allow_other and default_permissions: other local users reach the mount, the
 * kernel checks their permissions against the cluster's owners and modes, and what they create is theirs.
 */
class FuseIdentityTest {
    @TempDir
    static Path dir;
    static MountedCluster m;

    @BeforeAll
    static void mount() throws Exception {
        m = MountedCluster.start(dir, MountOptions.defaults().withAllowOther(true));
        m.client.mkdirs("/shared", 0777);
        m.client.setMode("/shared", 0777);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (m != null) {
            m.close();
        }
    }

    static String as(int uid, String command) {
        return "setpriv --reuid=" + uid + " --regid=" + uid + " --clear-groups sh -c '" + command + "'";
    }

    @Test
    void whatAnotherUserCreatesIsTheirsAndTheirModesHold() throws Exception {
        m.sh(as(1234, "mkdir shared/mine && echo x > shared/mine/f && ln -s f shared/mine/l && chmod 700 shared/mine")).ok();
        assertThat(m.client.stat("/shared/mine").uid()).isEqualTo(1234);
        assertThat(m.client.stat("/shared/mine/f").uid()).isEqualTo(1234);
        assertThat(m.client.stat("/shared/mine/f").gid()).isEqualTo(1234);
        assertThat(m.client.linkStatus("/shared/mine/l").uid()).isEqualTo(1234);
        assertThat(m.sh("stat -c %u:%g shared/mine/f").ok().out()).isEqualTo("1234:1234\n");
        MountedCluster.Result other = m.sh(as(5678, "cat shared/mine/f"));
        assertThat(other.exit()).isNotZero();
        assertThat(other.err()).contains("Permission denied");
        assertThat(m.sh(as(1234, "cat shared/mine/f")).ok().out()).isEqualTo("x\n");
    }
}
