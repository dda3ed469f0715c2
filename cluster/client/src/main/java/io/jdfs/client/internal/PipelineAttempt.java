package io.jdfs.client.internal;

import io.jdfs.rpc.DataChannel;

/** One pipeline attempt of a {@link BlockWriter}: the frames of its connection, and its writability. */
final class PipelineAttempt implements DataChannel.Listener, Runnable {
    private final BlockWriter writer;
    private final DataChannel dc;

    PipelineAttempt(BlockWriter writer, DataChannel dc) {
        this.writer = writer;
        this.dc = dc;
    }

    @Override
    public void onFrame(Object frame) {
        writer.onFrame(dc, frame);
    }

    @Override
    public void onClosed(Throwable cause) {
        writer.pipelineFailed(dc, cause, null);
    }

    @Override
    public void run() {
        writer.drain();
    }
}
