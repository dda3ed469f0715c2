package io.jdfs.rpc;

import io.jdfs.protocol.Protocol;

/**
 * What a server tolerates of a peer before it pauses or drops it. The launcher reads each from a setting
 * ({@code dfs nameserver --help}, {@code dfs dataserver --help}); the defaults here are the safe ones.
 *
 * @param idleMillis               a connection with no read and no completed write for this long is closed (0:
 *                                 never); data connections only: clients hold name server connections idle
 * @param unwritableMillis         a peer that does not read what it is sent: once the connection's outbound
 *                                 buffer is past {@code pauseAfterBytes} the server stops reading its requests
 *                                 (so it makes no more replies), and closes it if the buffer stays full this long
 * @param maxInFlight              requests of one connection being served at once; past it the server reads
 *                                 no more of that connection's requests until some are answered
 * @param maxConnectionsPerAddress connections open at once from one IP address; more are closed at once
 * @param pauseAfterBytes          replies queued for one connection before the server stops reading its requests
 *                                 (the outbound buffer's high-water mark; reading resumes below a quarter of it)
 * @param maxFrameBytes            the largest frame a peer may send; a longer one is refused and the connection closed
 */
public record ServerLimits(long idleMillis, long unwritableMillis, int maxInFlight, int maxConnectionsPerAddress,
                           int pauseAfterBytes, int maxFrameBytes) {
    public static final long DEFAULT_UNWRITABLE_MILLIS = 60_000;
    public static final long DEFAULT_DATA_IDLE_MILLIS = 120_000;
    public static final int DEFAULT_MAX_IN_FLIGHT = 1_000;
    /** Generous: clients, gateways and a whole test cluster on one host all come from one address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 4_096;
    public static final int DEFAULT_PAUSE_AFTER_BYTES = 2 * 1024 * 1024;
    public static final int DEFAULT_MAX_FRAME_BYTES = Protocol.MAX_FRAME_BYTES;
    /** A data packet (512 KiB) and its header must fit. */
    public static final int MIN_FRAME_BYTES = 1024 * 1024;

    public ServerLimits {
        if (idleMillis < 0 || unwritableMillis <= 0 || maxInFlight < 1 || maxConnectionsPerAddress < 1
                || pauseAfterBytes < 4096 || maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > Protocol.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("server limits out of range: " + idleMillis + " ms idle, " + unwritableMillis
                    + " ms unwritable, " + maxInFlight + " in flight, " + maxConnectionsPerAddress + " per address, "
                    + pauseAfterBytes + " bytes queued, " + maxFrameBytes + " bytes a frame (from " + MIN_FRAME_BYTES + " to "
                    + Protocol.MAX_FRAME_BYTES + ")");
        }
    }

    public ServerLimits(long idleMillis, long unwritableMillis, int maxInFlight, int maxConnectionsPerAddress) {
        this(idleMillis, unwritableMillis, maxInFlight, maxConnectionsPerAddress, DEFAULT_PAUSE_AFTER_BYTES,
                DEFAULT_MAX_FRAME_BYTES);
    }

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
