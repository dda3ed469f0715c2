package io.jdfs.protocol;

/** Operator -> name server: safe mode, decommissioning. */
public sealed interface AdminRequest extends Message {
    /** {@code action}: "get", "enter" or "leave". */
    record SafeModeRequest(String action) implements AdminRequest {
    }

    /** Drains a data server (by id or HOST:PORT) of its replicas, then marks it decommissioned. */
    record Decommission(String server) implements AdminRequest {
    }

    /** Puts a decommissioning or decommissioned server back in service. */
    record Recommission(String server) implements AdminRequest {
    }
}
