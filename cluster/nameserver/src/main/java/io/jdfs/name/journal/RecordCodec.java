package io.jdfs.name.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import io.jdfs.name.namespace.NamespaceRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One journal record on disk: {@code int length, int crc32c, long txid, payload}, where the payload is
 * the JSON of a {@link NamespaceRecord} and the checksum covers txid and payload.
 */
public final class RecordCodec {
    public static final int HEADER_BYTES = 4 + 4 + 8;
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter WRITER;
    private static final ObjectReader READER;

    static {
        for (Class<?> c : NamespaceRecord.class.getPermittedSubclasses()) {
            MAPPER.registerSubtypes(new NamedType(c, c.getSimpleName()));
        }
        WRITER = MAPPER.writerFor(NamespaceRecord.class);
        READER = MAPPER.readerFor(NamespaceRecord.class);
    }

    private RecordCodec() {
    }

    public static byte[] encode(long txid, NamespaceRecord record) {
        try {
            byte[] payload = WRITER.writeValueAsBytes(record);
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length);
            b.putInt(payload.length).putInt(0).putLong(txid).put(payload);
            b.putInt(4, crc(b.array(), 8, 8 + payload.length));
            return b.array();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + record, e);
        }
    }

    public static NamespaceRecord decodePayload(byte[] payload) throws IOException {
        return READER.readValue(payload);
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}
