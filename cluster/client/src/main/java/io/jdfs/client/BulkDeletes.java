package io.jdfs.client;

import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.SafeModeException;
import io.jdfs.protocol.UnavailableException;
import io.jdfs.rpc.RpcClient;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

/**
 * Deletes many paths with up to {@link #IN_FLIGHT} requests in flight on the client's one connection:
 * the name server reads them in bursts and syncs its journal once per burst, so many deletes share
 * one fsync instead of paying one each. The connection keeps their order, so the name server applies
 * them in the order given (a directory before what was inside it fails as a serial loop would). Every
 * answer still comes only once its delete is in the journal on disk.
 */
final class BulkDeletes {
    /** Requests in flight: enough for the journal to batch a burst; far below the server's per-connection limit. */
    static final int IN_FLIGHT = 64;

    private final RpcClient rpc;
    private final NameServerCalls calls;

    BulkDeletes(RpcClient rpc, NameServerCalls calls) {
        this.rpc = rpc;
        this.calls = calls;
    }

    List<DeleteResult> deleteAll(Collection<String> paths, boolean recursive) throws IOException {
        List<String> given = new ArrayList<>(paths);
        DeleteResult[] results = new DeleteResult[given.size()];
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> sent = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            String path = given.get(i);
            String normal;
            try {
                normal = DfsPath.of(path).toString();
            } catch (RuntimeException e) {
                results[i] = new DeleteResult(path, false, asIOException(e));
                continue;
            }
            acquire(window);
            int at = i;
            sent.add(rpc.call(new ClientRequest.Delete(normal, recursive)).handle((reply, err) -> {
                window.release();
                results[at] = err == null ? answered(path, reply) : new DeleteResult(path, false, asIOException(err));
                return null;
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        // the name server refused these before changing anything: asked again one by one, waiting out safe mode
        for (int i = 0; i < results.length; i++) {
            if (results[i].error() instanceof SafeModeException) {
                results[i] = one(given.get(i), recursive);
            }
        }
        return List.of(results);
    }

    private DeleteResult one(String path, boolean recursive) {
        try {
            return new DeleteResult(path, calls.call(new ClientRequest.Delete(DfsPath.of(path).toString(), recursive),
                    Reply.BoolReply.class).value(), null);
        } catch (IOException | RuntimeException e) {
            return new DeleteResult(path, false, asIOException(e));
        }
    }

    private DeleteResult answered(String path, Message reply) {
        if (reply instanceof Reply.BoolReply b) {
            return new DeleteResult(path, b.value(), null);
        }
        return new DeleteResult(path, false, new io.jdfs.protocol.ProtocolException(rpc.address() + " answered "
                + reply.getClass().getSimpleName() + " to a delete"));
    }

    private IOException asIOException(Throwable t) {
        Throwable c = Errors.unwrap(t);
        if (c instanceof TimeoutException) {
            return new UnavailableException(rpc.address() + " did not answer a delete in time");
        }
        return c instanceof IOException io ? io : new IOException(c.toString(), c);
    }

    private static void acquire(Semaphore window) throws InterruptedIOException {
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deleting");
        }
    }
}
