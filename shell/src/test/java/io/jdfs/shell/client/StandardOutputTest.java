package io.jdfs.shell.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dfs client cat big | head -c 10} printed "dfs: Broken pipe" and exited 1: a reader that stops early
 * ends the command quietly with 141, as coreutils cat (killed by SIGPIPE) does; a failed read still fails.
 */
class StandardOutputTest {

    /** A pipe whose reader has gone after the first write, as head -c 10 leaves it. */
    static final class ClosedPipe extends OutputStream {
        int writes;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (writes++ > 0) {
                throw new IOException("Broken pipe");
            }
        }
    }

    @Test
    void aReaderThatGoesAwayEndsTheCopyQuietlyWith141() throws IOException {
        StandardOutput out = new StandardOutput(new ClosedPipe());
        int status = out.run(o -> {
            for (int i = 0; i < 16; i++) {
                o.write(new byte[64 * 1024]);
            }
        });
        assertThat(status).isEqualTo(StandardOutput.READER_GONE).isEqualTo(141);
    }

    @Test
    void aWholeCopyIsStatusZeroAndFlushed() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        StandardOutput out = new StandardOutput(sink);
        assertThat(out.run(o -> o.write("hello".getBytes()))).isZero();
        assertThat(sink.toString()).isEqualTo("hello");
    }

    @Test
    void aFailedReadIsStillAnError() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("block blk_1 has no live replica");
            }
        };
        StandardOutput out = new StandardOutput(new ByteArrayOutputStream());
        assertThatThrownBy(() -> out.run(broken::transferTo)).hasMessageContaining("no live replica");
    }

    @Test
    void aFullDiskBehindTheOutputIsAnErrorNotAReaderThatLeft() throws IOException {
        try (java.io.FileOutputStream full = new java.io.FileOutputStream("/dev/full")) {
            StandardOutput out = new StandardOutput(full);
            assertThatThrownBy(() -> out.run(o -> o.write(new byte[8192])))
                    .isInstanceOf(IOException.class).hasMessageContaining("No space left");
        }
    }
}
