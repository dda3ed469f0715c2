package io.jdfs.rpc;

import io.netty.channel.FileRegion;

/** A data packet whose bytes are sent straight from a file (sendfile), used by data servers for reads. */
public record FileDataPacket(long requestId, long seqno, long offset, boolean last, int[] crcs, int length,
                             FileRegion region) {
}
