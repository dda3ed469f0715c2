package io.jdfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecyclingAllocatorTest {
    private static final int BLOCK = 256 << 10;
    private final RecyclingAllocator alloc = new RecyclingAllocator(UnpooledByteBufAllocator.DEFAULT, BLOCK, 4L * BLOCK);

    @Test
    void aFreedReadBufferIsHandedOutAgainEmpty() {
        ByteBuf a = alloc.ioBuffer(BLOCK);
        assertTrue(a.isDirect());
        assertSame(alloc, a.alloc());
        assertEquals(BLOCK, a.capacity());
        assertEquals(0, a.readableBytes());
        a.writeLong(42);
        long address = a.memoryAddress();
        a.release();
        assertEquals(1, alloc.keptBlocks());
        ByteBuf b = alloc.ioBuffer(100 << 10); // the same block, whole, with no bytes in it
        assertEquals(address, b.memoryAddress());
        assertEquals(BLOCK, b.capacity());
        assertEquals(0, b.readableBytes());
        assertEquals(0, alloc.keptBlocks());
        b.release();
    }

    @Test
    void slicesKeepTheBlockUntilTheLastIsReleased() {
        ByteBuf a = alloc.ioBuffer(BLOCK);
        a.writeZero(BLOCK);
        ByteBuf slice = a.retainedSlice(100, 1000);
        a.release();
        assertEquals(0, alloc.keptBlocks());
        slice.release();
        assertEquals(1, alloc.keptBlocks());
    }

    @Test
    void otherSizesComeFromTheOtherAllocator() {
        ByteBuf small = alloc.ioBuffer(512);
        ByteBuf large = alloc.ioBuffer(BLOCK + 1);
        ByteBuf bounded = alloc.ioBuffer(64 << 10, 64 << 10);
        for (ByteBuf b : new ByteBuf[]{small, large, bounded}) {
            assertNotSame(alloc, b.alloc());
            b.release();
        }
        assertEquals(0, alloc.keptBlocks());
    }

    @Test
    void keepsNoMoreThanItsLimit() {
        ByteBuf[] bufs = new ByteBuf[6];
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = alloc.ioBuffer(BLOCK);
        }
        for (ByteBuf b : bufs) {
            b.release();
        }
        assertEquals(4, alloc.keptBlocks());
    }

    @Test
    void aGrownBufferKeepsItsBytesAndGivesTheBlockBack() {
        ByteBuf a = alloc.directBuffer(BLOCK);
        a.writeInt(7);
        a.writeZero(BLOCK - 4);
        a.writeInt(9); // grows past the block
        assertEquals(1, alloc.keptBlocks());
        assertEquals(7, a.getInt(0));
        assertEquals(9, a.getInt(BLOCK));
        a.release();
        assertEquals(1, alloc.keptBlocks());
    }
}
