package io.jdfs.rpc;

/**
 * What a server tolerates of a peer before it drops the connection.
 *
 * @param idleMillis       a connection with no read and no completed write for this long is closed (0: never);
 *                         data connections only: clients hold name server connections idle between calls
 * @param unwritableMillis a peer that does not read what it is sent: once the connection's outbound buffer is
 *                         past its high-water mark the server stops reading its requests (so it makes no more
 *                         replies), and closes it if the buffer stays full this long
 */
public record ServerLimits(long idleMillis, long unwritableMillis) {
    public static final long DEFAULT_UNWRITABLE_MILLIS = 60_000;
    public static final long DEFAULT_DATA_IDLE_MILLIS = 120_000;

    /** Name server: no idle timeout, a minute for a peer that stopped reading. */
    public static ServerLimits defaults() {
        return new ServerLimits(0, DEFAULT_UNWRITABLE_MILLIS);
    }

    /** Data servers: also drop a connection silent both ways for two minutes. */
    public static ServerLimits forData() {
        return new ServerLimits(DEFAULT_DATA_IDLE_MILLIS, DEFAULT_UNWRITABLE_MILLIS);
    }
}
