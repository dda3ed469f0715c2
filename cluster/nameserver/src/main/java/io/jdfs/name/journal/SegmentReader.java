package io.jdfs.name.journal;

import io.jdfs.name.namespace.NamespaceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the records of one journal segment in order, checking each one's length, checksum and txid.
 * Only the very end of the newest segment may be torn (a crash mid-append): that tail is cut off and
 * logged. Damage anywhere else stops start-up with the file and offset.
 */
public final class SegmentReader {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentReader.class);

    /** Receives each valid record. */
    @FunctionalInterface
    public interface Visitor {
        void record(long txid, NamespaceRecord record) throws IOException;
    }

    /** What was read: the last txid (or first - 1 when empty) and the length of the valid prefix. */
    public record Result(long lastTxid, long validBytes, boolean tornTail) {
    }

    private SegmentReader() {
    }

    public static Result read(Path file, long firstTxid, boolean newest, Visitor visitor) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < Segments.SEGMENT_HEADER_BYTES) {
            if (newest) {
                LOG.warn("journal segment {} has a torn header ({} bytes); treating it as empty", file, all.length);
                return new Result(firstTxid - 1, 0, true);
            }
            throw new CorruptMetadataException(file, 0, "segment header is truncated");
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        byte[] magic = new byte[8];
        b.get(magic);
        if (!Arrays.equals(magic, Segments.SEGMENT_MAGIC)) {
            throw new CorruptMetadataException(file, 0, "not a JDFS journal segment (bad magic)");
        }
        int version = b.getInt();
        if (version != Segments.SEGMENT_VERSION) {
            throw new CorruptMetadataException(file, 8, "unsupported segment version " + version);
        }
        long headerTxid = b.getLong();
        if (headerTxid != firstTxid) {
            throw new CorruptMetadataException(file, 12, "header says first txid " + headerTxid
                    + " but the file name says " + firstTxid);
        }
        long expected = firstTxid;
        while (b.remaining() > 0) {
            int offset = b.position();
            String problem = null;
            // whether the bad record is the last thing in the file (a torn append) or has data behind it
            boolean atEnd = true;
            if (zerosFrom(all, offset)) {
                break; // the preallocated, never written rest of the segment
            }
            if (b.remaining() < RecordCodec.HEADER_BYTES) {
                problem = "record header truncated";
            } else {
                int len = b.getInt(offset);
                if (len < 0 || len > RecordCodec.MAX_RECORD_BYTES) {
                    problem = "impossible record length " + len;
                } else if (b.remaining() < RecordCodec.HEADER_BYTES + len) {
                    problem = "record truncated";
                } else if (b.getInt(offset + 4) != RecordCodec.crc(all, offset + 8, 8 + len)) {
                    problem = "checksum mismatch";
                    atEnd = offset + RecordCodec.HEADER_BYTES + len >= all.length;
                }
            }
            if (problem != null) {
                if (newest && atEnd) {
                    LOG.warn("journal segment {}: dropping a torn record at offset {} ({}, {} bytes)", file, offset,
                            problem, all.length - offset);
                    return new Result(expected - 1, offset, true);
                }
                throw new CorruptMetadataException(file, offset, problem);
            }
            int len = b.getInt();
            b.getInt();
            long txid = b.getLong();
            if (txid != expected) {
                throw new CorruptMetadataException(file, offset, "txid " + txid + " where " + expected + " was expected");
            }
            byte[] payload = new byte[len];
            b.get(payload);
            NamespaceRecord record;
            try {
                record = RecordCodec.decodePayload(payload);
            } catch (IOException e) {
                throw new CorruptMetadataException(file, offset, "unreadable record: " + e.getMessage());
            }
            visitor.record(txid, record);
            expected++;
        }
        return new Result(expected - 1, b.position(), false);
    }

    private static boolean zerosFrom(byte[] all, int offset) {
        if (all.length - offset >= 4 && ByteBuffer.wrap(all, offset, 4).getInt() != 0) {
            return false; // a record's length is never zero: only the zero tail is scanned
        }
        for (int i = offset; i < all.length; i++) {
            if (all[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Cuts a torn tail off so new records never follow garbage. */
    public static void truncate(Path file, long validBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(validBytes);
            ch.force(true);
        }
    }
}
