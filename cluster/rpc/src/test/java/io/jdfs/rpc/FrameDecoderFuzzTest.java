package io.jdfs.rpc;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame decoder against random, truncated, oversized and corrupted input fed in random pieces: it
 * yields frames or a protocol error, never anything else, and leaves no buffer behind (counted by an
 * allocator that tracks its live memory, with Netty's leak detector at PARANOID as well).
 */
class FrameDecoderFuzzTest {
    static final AtomicLong CASES = new AtomicLong();
    static final AtomicLong ERRORS = new AtomicLong();

    @BeforeContainer
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterContainer
    static void counts() {
        System.out.printf("frame decoder fuzzing: %,d cases, %,d refused as protocol errors, 0 leaks%n",
                CASES.get(), ERRORS.get());
    }

    /**
     * What the decoder made of the input (packets described by their fields and bytes); every buffer of
     * it released, and none left in the allocator.
     */
    static List<Object> decode(List<byte[]> pieces) {
        CASES.incrementAndGet();
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true, false, false);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new FrameDecoder());
        List<Object> out = new ArrayList<>();
        try {
            for (byte[] p : pieces) {
                ByteBuf b = alloc.buffer(p.length);
                b.writeBytes(p);
                ch.writeInbound(b);
                drain(ch, out);
            }
        } catch (DecoderException e) {
            out.add(refused(e)); // a server answers it with an error and closes the connection
        }
        try {
            ch.finishAndReleaseAll(); // the connection closes: what is left of a frame is dropped
        } catch (DecoderException e) {
            if (!(out.isEmpty() ? null : out.get(out.size() - 1) instanceof Throwable)) {
                out.add(refused(e));
            }
        }
        drain(ch, out);
        List<Object> kept = describe(out); // before the release: packets are read for their bytes
        for (Object o : out) {
            ReferenceCountUtil.release(o);
        }
        assertThat(alloc.metric().usedHeapMemory()).as("heap bytes left").isZero();
        assertThat(alloc.metric().usedDirectMemory()).as("direct bytes left").isZero();
        return kept;
    }

    private static Throwable refused(DecoderException e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        assertThat(c).isInstanceOfAny(ProtocolException.class, TooLongFrameException.class);
        ERRORS.incrementAndGet();
        return c;
    }

    private static void drain(EmbeddedChannel ch, List<Object> out) {
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
    }

    static List<byte[]> split(byte[] all, int piece) {
        List<byte[]> pieces = new ArrayList<>();
        for (int i = 0; i < all.length; i += piece) {
            pieces.add(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + piece)));
        }
        return pieces;
    }

    /** The bytes FrameEncoder writes for these frames. */
    static byte[] encode(List<Object> frames) {
        EmbeddedChannel ch = new EmbeddedChannel(FrameEncoder.INSTANCE);
        for (Object f : frames) {
            ch.writeOutbound(f instanceof PacketSpec p ? p.packet() : f); // a fresh buffer each time
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            b.release();
            bytes.writeBytes(a);
        }
        ch.finishAndReleaseAll();
        return bytes.toByteArray();
    }

    @Property(tries = 3000)
    void randomBytesAreFramesOrAProtocolError(@ForAll @Size(max = 2048) byte[] bytes,
                                               @ForAll @IntRange(min = 1, max = 300) int piece) {
        decode(split(bytes, piece));
    }

    @Property(tries = 2000)
    void randomFramesHeadersWithRandomBodies(@ForAll @IntRange(min = -5, max = 70_000) int length,
                                             @ForAll @IntRange(min = 0, max = 5) int type,
                                             @ForAll @Size(max = 1024) byte[] body,
                                             @ForAll @IntRange(min = 1, max = 64) int piece) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 1 + 8 + body.length);
        b.putInt(length).put((byte) type).putLong(7).put(body);
        decode(split(b.array(), piece));
    }

    @Property(tries = 2000)
    void validFramesComeBackWhateverTheCutsAndATruncatedTailIsHeld(@ForAll("frames") List<Object> frames,
                                                                    @ForAll @IntRange(min = 1, max = 500) int piece,
                                                                    @ForAll @IntRange(min = 0, max = 40) int cut) {
        List<Object> expected = describe(frames);
        byte[] all = encode(frames);
        assertThat(decode(split(all, piece))).isEqualTo(expected);
        if (cut > 0 && all.length > cut) {
            byte[] truncated = java.util.Arrays.copyOf(all, all.length - cut);
            List<Object> partial = decode(split(truncated, piece));
            assertThat(partial.size()).isLessThan(expected.size());
            assertThat(partial).isEqualTo(expected.subList(0, partial.size())); // whole frames only, in order
        }
    }

    @Property(tries = 1000)
    void aFlippedByteNeverCrashesTheDecoder(@ForAll("frames") List<Object> frames,
                                            @ForAll @IntRange(min = 0, max = 100_000) int at,
                                            @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] all = encode(frames);
        if (all.length == 0) {
            return;
        }
        all[at % all.length] ^= (byte) xor;
        decode(split(all, 97));
    }

    @Property(tries = 200)
    void anOversizedFrameIsRefusedBeforeItIsBuffered(@ForAll @IntRange(min = 1, max = 1 << 20) int over) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 9);
        b.putInt(Protocol.MAX_FRAME_BYTES + over).put((byte) 1).putLong(1);
        List<Object> out = decode(List.of(b.array()));
        assertThat(out).hasSize(1).first().isInstanceOf(TooLongFrameException.class);
    }

    /** Frames as comparable values (messages are records; packets by their fields and bytes). */
    static List<Object> describe(List<Object> frames) {
        List<Object> d = new ArrayList<>();
        for (Object f : frames) {
            if (f instanceof PacketSpec p) {
                d.add(List.of(p.id(), p.seq(), 0L, p.data().length == 0, java.util.Arrays.toString(p.packet().crcs()),
                        java.util.Arrays.toString(p.data())));
            } else if (f instanceof DataPacket p) {
                byte[] data = new byte[p.length()];
                p.data().getBytes(p.data().readerIndex(), data);
                d.add(List.of(p.requestId(), p.seqno(), p.offset(), p.last(), java.util.Arrays.toString(p.crcs()),
                        java.util.Arrays.toString(data)));
            } else {
                d.add(f);
            }
        }
        return d;
    }

    /** A data packet to send: generated values must not hold buffers (the encoder releases what it sends). */
    record PacketSpec(long id, long seq, byte[] data) {
        DataPacket packet() {
            ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(data);
            return new DataPacket(id, seq, 0, data.length == 0, Checksums.compute(buf), buf);
        }
    }

    @Provide
    Arbitrary<List<Object>> frames() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Object> message = Arbitraries.oneOf(
                text.map(t -> new ClientRequest.GetStatus("/" + t)),
                Combinators.combine(text, Arbitraries.integers().between(0, 07777)).as((t, m) -> new ClientRequest.Mkdirs("/" + t, m)),
                Combinators.combine(Arbitraries.of(ErrorCode.class), text).as(Reply.ErrorReply::new),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(0, 1L << 40))
                        .as((id, len) -> new TransferRequest.ReadBlock(id, 1, 0, len)),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(1, 100))
                        .as((id, gen) -> new TransferRequest.WriteBlock(new Block(id, gen, 0), List.of(), "c")),
                Arbitraries.just(new Reply.Ok()));
        Arbitrary<Object> messageFrame = Combinators.combine(Arbitraries.longs().between(0, 1 << 20), message)
                .as((id, m) -> new MessageFrame(id, (Message) m));
        Arbitrary<Object> ack = Combinators.combine(Arbitraries.longs().between(0, 99), Arbitraries.longs().between(0, 999),
                Arbitraries.of(Ack.Status.class)).as((id, seq, st) -> new Ack(id, seq, st, -1));
        Arbitrary<Object> packet = Combinators.combine(Arbitraries.longs().between(0, 99), Arbitraries.longs().between(0, 999),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(3 * Protocol.CHUNK_SIZE / 1024))
                .as(PacketSpec::new);
        return Arbitraries.oneOf(messageFrame, ack, packet).list().ofMaxSize(6);
    }
}
