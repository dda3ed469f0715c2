package io.jdfs.webdav;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.ClusterStatus;

import java.io.IOException;

/** Cluster capacity for quota properties, asked at most every few seconds (PROPFIND lists many collections). */
final class QuotaCache {
    private static final long TTL_MILLIS = 5_000;
    private final DfsClient client;
    private ClusterStatus last;
    private long fetchedAt;

    public QuotaCache(DfsClient client) {
        this.client = client;
    }

    private synchronized ClusterStatus status() {
        long now = System.currentTimeMillis();
        if (last == null || now - fetchedAt > TTL_MILLIS) {
            try {
                last = client.clusterStatus();
                fetchedAt = now;
            } catch (IOException e) {
                return last;
            }
        }
        return last;
    }

    public Long used() {
        ClusterStatus s = status();
        return s == null ? null : s.used();
    }

    public Long available() {
        ClusterStatus s = status();
        return s == null ? null : s.remaining();
    }
}
