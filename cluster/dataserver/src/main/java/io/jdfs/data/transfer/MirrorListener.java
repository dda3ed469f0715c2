package io.jdfs.data.transfer;

import io.jdfs.protocol.Reply;
import io.jdfs.rpc.Ack;
import io.jdfs.rpc.DataChannel;
import io.jdfs.rpc.MessageFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Frames from the next server of a pipeline, handed to their {@link BlockReceiver} on its I/O thread (at
 * once when the connection was taken on that thread, as it is unless it came from another pool).
 */
final class MirrorListener implements DataChannel.Listener {
    private final BlockReceiver receiver;

    MirrorListener(BlockReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public void onFrame(Object msg) {
        try {
            if (msg instanceof Ack a) {
                receiver.onLoop(() -> receiver.onMirrorAck(a));
            } else if (msg instanceof MessageFrame f) {
                if (f.message() instanceof Reply.WriteReady) {
                    receiver.onLoop(receiver::ready);
                } else if (f.message() instanceof Reply.ErrorReply e) {
                    receiver.onLoop(() -> receiver.mirrorLost(e.message(), 1));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        receiver.onLoop(receiver::mirrorClosed);
    }
}
