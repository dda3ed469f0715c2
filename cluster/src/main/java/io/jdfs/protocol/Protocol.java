package io.jdfs.protocol;

/** Constants of the JDFS wire protocol. */
public final class Protocol {
    /** "JDFS" in ASCII. */
    public static final int MAGIC = 0x4A444653;
    public static final int VERSION = 1;
    /** Hard upper bound of one frame (length prefix excluded). Larger lengths close the connection. */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;
    /** Bytes of data in one packet, and the unit of the CRC32C checksums. */
    public static final int CHUNK_SIZE = 64 * 1024;
    /** Chunks in one data packet at most: 512 KiB of data per frame, one CRC32C per chunk. */
    public static final int PACKET_CHUNKS = 8;
    public static final int PACKET_SIZE = CHUNK_SIZE * PACKET_CHUNKS;
    /** Entries in one page of a directory listing. */
    public static final int LIST_PAGE = 5000;
    /** Blocks in one part of a block report. */
    public static final int REPORT_PART = 5000;
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    public static final String ROLE_CLIENT = "client";
    public static final String ROLE_DATA_SERVER = "dataserver";
    public static final String ROLE_NAME_SERVER = "nameserver";

    private Protocol() {
    }
}
