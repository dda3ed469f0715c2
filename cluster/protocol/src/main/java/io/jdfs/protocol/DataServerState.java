package io.jdfs.protocol;

public enum DataServerState {
    LIVE, STALE, DEAD, DECOMMISSIONING, DECOMMISSIONED
}
