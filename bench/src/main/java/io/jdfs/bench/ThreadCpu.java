package io.jdfs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;

/**
 * The CPU time of this process's threads by the part of the system they belong to, told by their
 * names: it splits a figure's CPU into what a path shares with its limit and what only it pays
 * (e.g. a GET through the gateway against the client API's read of the same bytes). A thread that
 * ends between two snapshots loses its time; the JIT compiler and GC threads are not visible here
 * and are left out.
 */
final class ThreadCpu {
    /** Parts of the process, by thread name. */
    enum Part {
        /** The thread that took the snapshot: the bench's caller of the API, or its HTTP client. */
        CALLER,
        /** The WebDAV gateway's Jetty threads. */
        GATEWAY,
        /** The client library's event loops. */
        CLIENT,
        /** The data servers' threads (network and disk). */
        DATA_SERVERS,
        /** The name server and everything else. */
        OTHER;

        static Part of(String threadName, boolean caller) {
            if (caller) {
                return CALLER;
            }
            if (threadName.startsWith("webdav")) {
                return GATEWAY;
            }
            if (threadName.startsWith("jdfs-client")) {
                return CLIENT;
            }
            if (threadName.startsWith("jdfs-ds")) {
                return DATA_SERVERS;
            }
            return OTHER;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Part, Long> nanos;

    private ThreadCpu(Map<Part, Long> nanos) {
        this.nanos = nanos;
    }

    /** The CPU time so far of every live thread, summed by part. */
    static ThreadCpu now() {
        Map<Part, Long> m = new EnumMap<>(Part.class);
        long self = Thread.currentThread().getId();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null) {
                continue; // ended since the ids were taken
            }
            long cpu = THREADS.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                m.merge(Part.of(t.getThreadName(), t.getThreadId() == self), cpu, Long::sum);
            }
        }
        return new ThreadCpu(m);
    }

    /** Seconds of CPU per GiB moved that {@code parts} took between {@code start} and this snapshot. */
    double perGibSince(ThreadCpu start, long bytes, Part... parts) {
        long sum = 0;
        for (Part p : parts) {
            sum += Math.max(0, nanos.getOrDefault(p, 0L) - start.nanos.getOrDefault(p, 0L));
        }
        return sum / 1e9 / (bytes / 1073741824.0);
    }
}
