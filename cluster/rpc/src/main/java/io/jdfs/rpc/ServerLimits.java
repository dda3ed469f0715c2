package io.jdfs.rpc;

/**
 * What a server tolerates of a peer before it pauses or drops it.
 *
 * @param idleMillis               a connection with no read and no completed write for this long is closed (0:
 *                                 never); data connections only: clients hold name server connections idle
 * @param unwritableMillis         a peer that does not read what it is sent: once the connection's outbound
 *                                 buffer is past its high-water mark the server stops reading its requests (so
 *                                 it makes no more replies), and closes it if the buffer stays full this long
 * @param maxInFlight              requests of one connection being served at once; past it the server reads
 *                                 no more of that connection's requests until some are answered
 * @param maxConnectionsPerAddress connections open at once from one IP address; more are closed at once
 */
public record ServerLimits(long idleMillis, long unwritableMillis, int maxInFlight, int maxConnectionsPerAddress) {
    public static final long DEFAULT_UNWRITABLE_MILLIS = 60_000;
    public static final long DEFAULT_DATA_IDLE_MILLIS = 120_000;
    public static final int DEFAULT_MAX_IN_FLIGHT = 1_000;
    /** Generous: clients, gateways and a whole test cluster on one host all come from one address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 4_096;

    public ServerLimits(long idleMillis, long unwritableMillis) {
        this(idleMillis, unwritableMillis, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /** Name server: no idle timeout, a minute for a peer that stopped reading. */
    public static ServerLimits defaults() {
        return new ServerLimits(0, DEFAULT_UNWRITABLE_MILLIS);
    }

    /** Data servers: also drop a connection silent both ways for two minutes. */
    public static ServerLimits forData() {
        return new ServerLimits(DEFAULT_DATA_IDLE_MILLIS, DEFAULT_UNWRITABLE_MILLIS);
    }
}
