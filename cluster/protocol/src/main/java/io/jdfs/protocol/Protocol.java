package io.jdfs.protocol;

/** Constants of the JDFS wire protocol. */
public final class Protocol {
    /** "JDFS" in ASCII. */
    public static final int MAGIC = 0x4A444653;
    /** 2: the connecting side opens with {@link #PREAMBLE}, and the server greets only after it. */
    public static final int VERSION = 2;
    /**
     * What a connecting peer sends first. Lets a server tell a JDFS peer from a browser (answered with a
     * plain HTTP error), and makes an HTTP server on the wrong port answer at once, so a client names
     * the mistake instead of waiting.
     */
    public static final byte[] PREAMBLE = "JDFS\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Hard upper bound of one frame (length prefix excluded). Larger lengths close the connection. */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;
    /** Bytes of data in one packet, and the unit of the CRC32C checksums. */
    public static final int CHUNK_SIZE = 64 * 1024;
    /** Chunks in one data packet at most: 512 KiB of data per frame, one CRC32C per chunk. */
    public static final int PACKET_CHUNKS = 8;
    public static final int PACKET_SIZE = CHUNK_SIZE * PACKET_CHUNKS;
    /** A time in SetTimes that stays as it is (utimensat's UTIME_OMIT). */
    public static final long UTIME_OMIT = -1;
    /** A time in SetTimes set to the name server's clock (utimensat's UTIME_NOW). */
    public static final long UTIME_NOW = -2;
    /** Entries in one page of a directory listing. */
    public static final int LIST_PAGE = 5000;
    /** Blocks in one part of a block report. */
    public static final int REPORT_PART = 5000;
    /** How long a server waits for a connecting peer to finish its handshake. */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    /** How long a connecting peer waits for the server's first bytes: a JDFS server greets at once. */
    public static final long FIRST_ANSWER_TIMEOUT_MILLIS = 2_000;
    /** How long a connecting peer waits for the rest of the handshake once the server spoke. */
    public static final long CLIENT_HANDSHAKE_TIMEOUT_MILLIS = 15_000;
    /** The name server's RPC port when none is given (for messages; settings carry the real value). */
    public static final int DEFAULT_NAME_SERVER_PORT = 9000;

    public static final String ROLE_CLIENT = "client";
    public static final String ROLE_DATA_SERVER = "dataserver";
    public static final String ROLE_NAME_SERVER = "nameserver";

    private Protocol() {
    }
}
