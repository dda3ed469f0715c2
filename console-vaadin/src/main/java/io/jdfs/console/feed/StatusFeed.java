package io.jdfs.console.feed;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.ClusterMeters;
import io.jdfs.protocol.ClusterStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Polls the cluster's status, the name server's meters and new events on one thread for every open
 * page, keeps a short history for the dashboard's charts and the recent events, and hands each snapshot to the pages
 * (which push it to their browsers).
 */
public final class StatusFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusFeed.class);
    static final int MAX_EVENTS = 2_000;
    static final int MAX_SAMPLES = 300;

    /** Where the client comes from (connected lazily). */
    @FunctionalInterface
    public interface ClientSource {
        DfsClient get() throws IOException;
    }

    private final ClientSource clients;
    private final ScheduledExecutorService timer;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<ClusterEvent> events = new ArrayDeque<>();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile Snapshot last = new Snapshot(System.currentTimeMillis(), null, "not polled yet", List.of(), List.of());
    private long lastSeq;
    private boolean failing;

    public StatusFeed(ClientSource clients, long periodMillis) {
        this.clients = clients;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jdfs-console-feed");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The latest snapshot (never null; its status is null until the name server answered once). */
    public Snapshot last() {
        return last;
    }

    /** Calls {@code listener} with every new snapshot, from the feed's thread; returns what removes it. */
    public Runnable subscribe(Consumer<Snapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Polls now (after an action the user wants to see at once), on the feed's thread. */
    public void refreshSoon() {
        if (!timer.isShutdown()) {
            timer.execute(this::poll);
        }
    }

    private void poll() {
        long now = System.currentTimeMillis();
        Snapshot s;
        try {
            DfsClient c = clients.get();
            ClusterStatus status = c.clusterStatus();
            ClusterMeters meters = c.admin().meters();
            List<ClusterEvent> fresh = c.admin().events(lastSeq);
            synchronized (this) {
                for (ClusterEvent e : fresh) {
                    if (e.seq() > lastSeq) {
                        events.addFirst(e);
                        lastSeq = e.seq();
                    }
                }
                while (events.size() > MAX_EVENTS) {
                    events.removeLast();
                }
                samples.addLast(Sample.of(now, status, meters));
                while (samples.size() > MAX_SAMPLES) {
                    samples.removeFirst();
                }
                s = new Snapshot(now, status, null, List.copyOf(events), List.copyOf(samples));
            }
            if (failing) {
                LOG.info("console: name server {} answers again", c.nameServer());
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.warn("console: cannot reach the name server: {}", e.getMessage());
                failing = true;
            } else {
                LOG.debug("console: name server still unreachable: {}", e.toString());
            }
            Snapshot prev = last;
            s = new Snapshot(now, prev.status(), "name server unreachable: " + e.getMessage(), prev.events(),
                    prev.samples());
        }
        last = s;
        for (Consumer<Snapshot> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.debug("console page listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        listeners.clear();
    }

    /** One poll: the status (last known one when {@code error} is set), the recent events newest first. */
    public record Snapshot(long atMillis, ClusterStatus status, String error, List<ClusterEvent> events,
                           List<Sample> samples) {
    }

    /** What the dashboard charts over time: status figures, and the meters' running totals. */
    public record Sample(long atMillis, long capacity, long used, long files, long blocks, long underReplicated,
                        long liveServers, ClusterMeters meters) {
        static Sample of(long at, ClusterStatus s, ClusterMeters m) {
            return new Sample(at, s.capacity(), s.used(), s.files(), s.blocks(), s.underReplicatedBlocks(),
                    s.liveServers(), m);
        }
    }

    /**
     * The per-second rate of a running total between consecutive samples, timed by the name server's
     * clock when it read its meters. A total that went down (a restarted name server) counts as 0.
     */
    public static List<Double> rates(List<Sample> h, ToLongFunction<ClusterMeters> total) {
        List<Double> out = new java.util.ArrayList<>();
        for (int i = 1; i < h.size(); i++) {
            ClusterMeters a = h.get(i - 1).meters();
            ClusterMeters b = h.get(i).meters();
            long dt = b.atMillis() - a.atMillis();
            long d = total.applyAsLong(b) - total.applyAsLong(a);
            out.add(dt <= 0 || d < 0 ? 0 : d * 1000.0 / dt);
        }
        return out;
    }

}
