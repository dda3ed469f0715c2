package io.jdfs.client.internal;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.protocol.UnavailableException;
import io.jdfs.rpc.DataChannel;
import io.jdfs.rpc.DataConnections;
import io.jdfs.rpc.MessageFrame;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Replacement servers in a recovered pipeline: before the pipeline resumes at the acknowledged length,
 * a surviving server sends them the acknowledged prefix of its replica; if that fails they are left out
 * (re-replication restores the count once the file is closed).
 */
final class PrefixCopy {
    private static final Logger LOG = LoggerFactory.getLogger(PrefixCopy.class);
    private static final long REQUEST = 1;

    private PrefixCopy() {
    }

    /**
     * The pipeline to resume {@code lb} with at {@code acked} bytes: with replacements (servers not in
     * {@code oldPipeline}) and survivors both present, once the first survivor copied them the prefix
     * (without the replacements if it could not); {@code lb} itself otherwise.
     */
    static CompletableFuture<LocatedBlock> fillReplacements(DataConnections pool, LocatedBlock lb,
                                                           List<String> oldPipeline, long acked,
                                                           long fromGeneration, String clientId) {
        List<DataServerRef> kept = new ArrayList<>();
        List<DataServerRef> fresh = new ArrayList<>();
        for (DataServerRef r : lb.locations()) {
            (oldPipeline.contains(r.id()) ? kept : fresh).add(r);
        }
        if (acked == 0 || fresh.isEmpty() || kept.isEmpty()) {
            return CompletableFuture.completedFuture(lb);
        }
        TransferRequest.CopyPrefix copy = new TransferRequest.CopyPrefix(new Block(lb.block().id(), lb.block().generation(), acked),
                fromGeneration, List.copyOf(fresh), clientId, lb.token());
        return request(pool, kept.get(0), copy).handle((v, err) -> {
            if (err == null) {
                return lb;
            }
            LOG.warn("could not copy the first {} bytes of block {} to {}: {}; going on without them", acked,
                    lb.block().id(), fresh, Errors.unwrap(err).getMessage());
            return new LocatedBlock(lb.block(), lb.offset(), kept, lb.token());
        });
    }

    private static CompletableFuture<Void> request(DataConnections pool, DataServerRef source, TransferRequest.CopyPrefix copy) {
        CompletableFuture<Void> copied = new CompletableFuture<>();
        pool.acquire(source).whenComplete((dc, err) -> {
            if (err != null) {
                copied.completeExceptionally(err);
                return;
            }
            dc.listen(new DataChannel.Listener() {
                @Override
                public void onFrame(Object frame) {
                    try {
                        if (frame instanceof MessageFrame f && f.message() instanceof Reply.WriteReady) {
                            dc.listen(null);
                            pool.release(dc);
                            copied.complete(null);
                        } else {
                            dc.listen(null);
                            dc.channel().close();
                            copied.completeExceptionally(frame instanceof MessageFrame f
                                    && f.message() instanceof Reply.ErrorReply e
                                    ? DfsException.of(e.code(), source.address() + ": " + e.message())
                                    : new ProtocolException(source.address() + " answered a prefix copy with " + frame));
                        }
                    } finally {
                        ReferenceCountUtil.release(frame);
                    }
                }

                @Override
                public void onClosed(Throwable cause) {
                    copied.completeExceptionally(cause != null ? cause
                            : new UnavailableException("connection to " + source.address() + " closed"));
                }
            });
            dc.channel().writeAndFlush(new MessageFrame(REQUEST, copy));
        });
        return copied;
    }
}
