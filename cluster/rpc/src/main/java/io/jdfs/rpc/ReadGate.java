package io.jdfs.rpc;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Whether a server reads a connection's requests: not while its outbound buffer is full, nor while too
 * many of its requests are being served. Each reason is set and cleared on its own; the channel reads
 * only when neither holds.
 */
final class ReadGate {
    private static final AttributeKey<ReadGate> KEY = AttributeKey.valueOf("jdfs.readGate");

    private boolean unwritable;
    private boolean busy;

    static synchronized ReadGate of(Channel ch) {
        ReadGate g = ch.attr(KEY).get();
        if (g == null) {
            g = new ReadGate();
            ch.attr(KEY).set(g);
        }
        return g;
    }

    synchronized void unwritable(Channel ch, boolean on) {
        unwritable = on;
        apply(ch);
    }

    synchronized void busy(Channel ch, boolean on) {
        busy = on;
        apply(ch);
    }

    private void apply(Channel ch) {
        boolean read = !unwritable && !busy;
        if (ch.config().isAutoRead() != read) {
            ch.config().setAutoRead(read);
        }
    }
}
