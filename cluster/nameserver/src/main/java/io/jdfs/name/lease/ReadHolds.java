package io.jdfs.name.lease;

import io.jdfs.name.namespace.INodeFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which clients have which files open for reading. A reader keeps the inode it opened, so a file
 * replaced or deleted under it keeps its blocks (as POSIX keeps an unlinked file's data while it is
 * open) until the last reader releases it or stops renewing its lease. Kept in memory only: after a
 * name server restart a reader of a vanished file gets a clear "stale file" error instead.
 * Not thread-safe: the name server calls it under its namespace lock.
 */
public final class ReadHolds {
    /** Bounds the memory one client can pin (a reader that never closes is a bug, not a workload). */
    public static final int MAX_PER_CLIENT = 65_536;

    private final long expiryNanos;
    private final Map<String, Holder> holders = new HashMap<>();
    /** inode id -> how many clients hold it (a client counts once however often it opened it). */
    private final Map<Long, Integer> holdCounts = new HashMap<>();

    public ReadHolds(long expiryMillis) {
        this.expiryNanos = expiryMillis * 1_000_000;
    }

    private static final class Holder {
        long renewedNanos;
        final Map<Long, Open> files = new LinkedHashMap<>();
    }

    private static final class Open {
        final INodeFile file;
        int opens;

        Open(INodeFile file) {
            this.file = file;
        }
    }

    /** Records one more open of {@code file} by {@code client}; false when the client holds too many. */
    public boolean hold(String client, INodeFile file, long nowNanos) {
        Holder h = holders.computeIfAbsent(client, c -> new Holder());
        h.renewedNanos = nowNanos;
        Open o = h.files.get(file.id());
        if (o == null) {
            if (h.files.size() >= MAX_PER_CLIENT) {
                return false;
            }
            o = new Open(file);
            h.files.put(file.id(), o);
            holdCounts.merge(file.id(), 1, Integer::sum);
        }
        o.opens++;
        return true;
    }

    /** The file {@code client} opened with this inode id, or null if it holds none. */
    public INodeFile held(String client, long inodeId) {
        Holder h = holders.get(client);
        Open o = h == null ? null : h.files.get(inodeId);
        return o == null ? null : o.file;
    }

    /**
     * One open of the file is closed. Returns the file when no client holds it any more (the caller
     * then drops its blocks if the namespace no longer has it), else null.
     */
    public INodeFile release(String client, long inodeId) {
        Holder h = holders.get(client);
        Open o = h == null ? null : h.files.get(inodeId);
        if (o == null || --o.opens > 0) {
            return null;
        }
        h.files.remove(inodeId);
        if (h.files.isEmpty()) {
            holders.remove(client);
        }
        return unheld(o.file);
    }

    public void renew(String client, long nowNanos) {
        Holder h = holders.get(client);
        if (h != null) {
            h.renewedNanos = nowNanos;
        }
    }

    /** Drops the holds of clients that stopped renewing; returns the files no client holds any more. */
    public List<INodeFile> expire(long nowNanos) {
        List<INodeFile> free = new ArrayList<>();
        var it = holders.values().iterator();
        while (it.hasNext()) {
            Holder h = it.next();
            if (nowNanos - h.renewedNanos > expiryNanos) {
                it.remove();
                for (Open o : h.files.values()) {
                    INodeFile f = unheld(o.file);
                    if (f != null) {
                        free.add(f);
                    }
                }
            }
        }
        return free;
    }

    private INodeFile unheld(INodeFile file) {
        int left = holdCounts.merge(file.id(), -1, Integer::sum);
        if (left <= 0) {
            holdCounts.remove(file.id());
            return file;
        }
        return null;
    }

    public boolean isHeld(long inodeId) {
        return holdCounts.containsKey(inodeId);
    }

    /** Number of files open for reading, by all clients. */
    public int files() {
        return holdCounts.size();
    }
}
