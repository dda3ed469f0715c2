package io.jdfs.rpc.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A key store opened with no password (JDFS_TLS_PASSWORD forgotten in a new terminal) said only "keystore
 * password was incorrect": the error says no password was given and where one goes.
 */
class KeyStorePasswordTest {

    @Test
    void aMissingPasswordIsNamedAsMissingAndAWrongOneAsWrong(@TempDir Path dir) throws Exception {
        ClusterCertificates.Written certs = ClusterCertificates.create(dir, "choose-one", List.of("node"),
                List.of("127.0.0.1"), Duration.ofDays(1));
        Path node = certs.nodeStores().get(0);
        assertThat(Tls.load(new TlsSettings(node, "choose-one")).isKeyEntry(ClusterCertificates.NODE_ALIAS)).isTrue();

        assertThatThrownBy(() -> Tls.load(new TlsSettings(node, null)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no password was given")
                .hasMessageContaining("JDFS_TLS_PASSWORD");
        assertThatThrownBy(() -> Tls.load(new TlsSettings(node, "wrong")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("no password was given");
    }
}
