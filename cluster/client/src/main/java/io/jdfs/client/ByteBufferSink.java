package io.jdfs.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Takes bytes a {@link DfsInputStream} hands over without copying; it must not keep the buffer after returning. */
@FunctionalInterface
public interface ByteBufferSink {
    void write(ByteBuffer bytes) throws IOException;
}
