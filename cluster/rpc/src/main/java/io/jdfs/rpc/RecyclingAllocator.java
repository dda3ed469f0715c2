package io.jdfs.rpc;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.internal.PlatformDependent;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The allocator of connections that carry block data to a reader: a socket read buffer of 64 KiB or
 * more is a whole block of {@link #blockSize()} bytes (the connection reads at most that much at once),
 * kept when freed and handed out again, mapped and unzeroed; other buffers come from {@code other}.
 * <p>
 * A block read keeps the socket's read buffers (slices, no copy) until its reader has consumed them,
 * megabytes later and on another thread. Netty's allocators then gave emptied chunks back to the
 * system and took new ones, each zeroed by {@code ByteBuffer.allocateDirect} and faulted in page by
 * page again by the next socket read (measured: 2,000-15,000 page faults and about 3 % of the CPU of a
 * 1 GiB read). Blocks of one size can always be reused. A recycled block holds earlier bytes of this
 * process, never shown: a buffer's readable bytes are only those written into it.
 */
final class RecyclingAllocator extends AbstractByteBufAllocator {
    /** Smaller buffers (headers, messages, the first reads of a connection) come from the other allocator. */
    static final int MIN_RECYCLED = 64 << 10;

    private final ByteBufAllocator other;
    private final int blockSize;
    private final int maxKeptBlocks;
    /** Freed blocks, the most recently freed first (likeliest still in a cache); guarded by {@code this}. */
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    RecyclingAllocator(ByteBufAllocator other, int blockSize, long maxKeptBytes) {
        super(true);
        if (blockSize < MIN_RECYCLED) {
            throw new IllegalArgumentException("block size " + blockSize + " under " + MIN_RECYCLED);
        }
        this.other = other;
        this.blockSize = blockSize;
        this.maxKeptBlocks = (int) Math.max(1, maxKeptBytes / blockSize);
    }

    /** Keeps up to 32 MiB of freed blocks, less when direct memory is small (an eighth of it). */
    static RecyclingAllocator forDataConnections(ByteBufAllocator other, int blockSize) {
        return new RecyclingAllocator(other, blockSize, Math.min(32L << 20, PlatformDependent.maxDirectMemory() / 8));
    }

    /** The most a connection using this allocator should read at once. */
    int blockSize() {
        return blockSize;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        if (initialCapacity < MIN_RECYCLED || initialCapacity > blockSize || maxCapacity < blockSize
                || !PlatformDependent.hasUnsafe()) {
            return other.directBuffer(initialCapacity, maxCapacity);
        }
        ByteBuffer b;
        synchronized (this) {
            b = free.pollFirst();
        }
        if (b == null) {
            b = ByteBuffer.allocateDirect(blockSize);
        }
        // the whole block, even when less was asked for: a read fills what it can, the block is held anyway
        return toLeakAwareBuffer(new Recycled(this, b.clear(), maxCapacity));
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return other.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    /** Takes a freed block back, or lets it go (to the garbage collector's cleaner) when enough are kept. */
    private void recycle(ByteBuffer b) {
        synchronized (this) {
            if (free.size() < maxKeptBlocks) {
                free.addFirst(b);
            }
        }
    }

    synchronized int keptBlocks() {
        return free.size();
    }

    /** A buffer over a recycled block, which goes back to the allocator when the buffer is released. */
    private static final class Recycled extends UnpooledUnsafeDirectByteBuf {
        private final RecyclingAllocator owner;
        /** The block; null once given back (or once a capacity change moved the bytes elsewhere). */
        private ByteBuffer block;

        Recycled(RecyclingAllocator owner, ByteBuffer block, int maxCapacity) {
            // this constructor never frees the buffer it is given: the block goes back in deallocate()
            super(owner, block, maxCapacity);
            this.owner = owner;
            this.block = block;
            clear(); // that constructor takes the given bytes as written: a new buffer has none
        }

        @Override
        public ByteBuf capacity(int newCapacity) {
            ByteBuf r = super.capacity(newCapacity);
            if (block != null && newCapacity != block.capacity()) {
                // copied into a buffer of its own (freed as usual from now on): the block is free again
                ByteBuffer b = block;
                block = null;
                owner.recycle(b);
            }
            return r;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            ByteBuffer b = block;
            if (b != null) {
                block = null;
                owner.recycle(b);
            }
        }
    }
}
