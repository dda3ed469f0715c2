package io.jdfs.name.events;

import io.jdfs.protocol.ClusterEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The most recent cluster events, in a bounded ring: the oldest are dropped first. */
public final class EventLog {
    public static final int DEFAULT_CAPACITY = 1000;
    public static final int MAX_PAGE = 500;

    private final int capacity;
    private final ArrayDeque<ClusterEvent> events;
    private long seq;

    public EventLog(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.events = new ArrayDeque<>(this.capacity);
    }

    public EventLog() {
        this(DEFAULT_CAPACITY);
    }

    public synchronized ClusterEvent add(ClusterEvent.Kind kind, String subject, String message) {
        ClusterEvent e = new ClusterEvent(++seq, System.currentTimeMillis(), kind, subject, message);
        if (events.size() == capacity) {
            events.pollFirst();
        }
        events.addLast(e);
        return e;
    }

    /** Events with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}. */
    public synchronized List<ClusterEvent> since(long afterSeq, int limit) {
        int max = limit <= 0 ? MAX_PAGE : Math.min(limit, MAX_PAGE);
        List<ClusterEvent> out = new ArrayList<>();
        for (ClusterEvent e : events) {
            if (e.seq() > afterSeq) {
                out.add(e);
                if (out.size() == max) {
                    break;
                }
            }
        }
        return out;
    }

    /** The newest {@code limit} events, oldest first. */
    public synchronized List<ClusterEvent> recent(int limit) {
        List<ClusterEvent> all = new ArrayList<>(events);
        return all.subList(Math.max(0, all.size() - Math.max(0, limit)), all.size());
    }
}
