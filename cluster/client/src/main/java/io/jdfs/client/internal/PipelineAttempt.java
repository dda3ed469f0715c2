package io.jdfs.client.internal;

import io.jdfs.protocol.DataServerRef;
import io.jdfs.rpc.DataChannel;

import java.util.ArrayList;
import java.util.List;

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

    /** The ids of the {@code count} servers from {@code head} on of {@code pipeline} (those an ack says stored a packet). */
    static List<String> storedOn(List<DataServerRef> pipeline, int head, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = head; i < Math.min(pipeline.size(), head + count); i++) {
            ids.add(pipeline.get(i).id());
        }
        return List.copyOf(ids);
    }
}
