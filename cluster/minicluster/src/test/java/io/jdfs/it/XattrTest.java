package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.client.XattrMode;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.PathExistsException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extended attributes with setxattr(2)'s rules, kept by the journal and by checkpoints. */
@WithLocalCluster(dataServers = 1)
class XattrTest {
    static LocalCluster cluster;
    static DfsClient client;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ErrorCode code(Throwable t) {
        return ((DfsException) t).code();
    }

    @Test
    void setGetListRemoveWithCreateAndReplaceFlags() throws Exception {
        client.create("/x/f").close(); // empty: attributes live in the namespace, not the blocks
        long ctime = client.stat("/x/f").ctimeNanos();
        client.setXattr("/x/f", "user.color", utf8("blue"), XattrMode.CREATE);
        assertThat(client.stat("/x/f").ctimeNanos()).as("ctime moves on an xattr change").isGreaterThan(ctime);
        assertThatThrownBy(() -> client.setXattr("/x/f", "user.color", utf8("red"), XattrMode.CREATE))
                .isInstanceOf(PathExistsException.class);
        client.setXattr("/x/f", "user.color", utf8("green"), XattrMode.REPLACE);
        assertThatThrownBy(() -> client.setXattr("/x/f", "user.size", utf8("1"), XattrMode.REPLACE))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NO_SUCH_ATTRIBUTE));
        client.setXattr("/x", "user.empty", new byte[0], XattrMode.SET);
        assertThat(client.xattr("/x/f", "user.color")).isEqualTo(utf8("green"));
        assertThat(client.xattrs("/x").keySet()).containsExactly("user.empty");
        assertThat(client.xattr("/x", "user.empty")).isEmpty();
        client.removeXattr("/x/f", "user.color");
        assertThat(client.xattrs("/x/f")).isEmpty();
        assertThatThrownBy(() -> client.removeXattr("/x/f", "user.color"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NO_SUCH_ATTRIBUTE));
        assertThatThrownBy(() -> client.xattr("/x/f", "user.color"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NO_SUCH_ATTRIBUTE));
    }

    @Test
    void linuxLimitsAndNamespacesAreEnforced() throws Exception {
        client.mkdirs("/limits");
        assertThatThrownBy(() -> client.setXattr("/limits", "user." + "n".repeat(251), utf8("v"), XattrMode.SET))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NAME_TOO_LONG));
        assertThatThrownBy(() -> client.setXattr("/limits", "user.big", new byte[64 * 1024 + 1], XattrMode.SET))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.TOO_BIG));
        client.setXattr("/limits", "user.max", new byte[64 * 1024], XattrMode.SET);
        assertThatThrownBy(() -> client.setXattr("/limits", "trusted.x", utf8("v"), XattrMode.SET))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NOT_SUPPORTED));
        assertThatThrownBy(() -> client.setXattr("/nope", "user.x", utf8("v"), XattrMode.SET))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(client.xattrs("/limits").keySet()).containsExactly("user.max");
    }

    @Test
    void attributesSurviveARestartFromCheckpointAndJournal() throws Exception {
        client.mkdirs("/keep");
        client.setXattr("/keep", "user.before", utf8("checkpointed"), XattrMode.SET);
        cluster.nameServer().checkpoint();
        client.setXattr("/keep", "user.after", utf8("journaled"), XattrMode.SET);
        client.rename("/keep", "/kept", false);
        cluster.restartNameServer();
        cluster.awaitRegistered(Duration.ofSeconds(10));
        assertThat(client.xattr("/kept", "user.before")).isEqualTo(utf8("checkpointed"));
        assertThat(client.xattr("/kept", "user.after")).isEqualTo(utf8("journaled"));
    }
}
