package io.jdfs.data.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One open replica file shared by the regions of a read (Netty's DefaultFileRegion closes its file
 * when released, which would mean an open and a close per packet). Closed when the read and every
 * region sent from it are done.
 */
final class SharedFile extends AbstractReferenceCounted {
    private final FileChannel channel;

    private SharedFile(FileChannel channel) {
        this.channel = channel;
    }

    static SharedFile open(Path file) throws IOException {
        return new SharedFile(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** A region of the file for zero-copy sending; holds a reference until the socket has sent it. */
    FileRegion region(long position, long count) {
        retain();
        return new Region(position, count);
    }

    /** The bytes of a range copied into a buffer: for TLS, which must encrypt what it sends (no sendfile). */
    ByteBuf read(ByteBufAllocator alloc, long position, int count) throws IOException {
        ByteBuf buf = alloc.ioBuffer(count);
        try {
            while (buf.readableBytes() < count) {
                int n = buf.writeBytes(channel, position + buf.readableBytes(), count - buf.readableBytes());
                if (n < 0) {
                    throw new IOException("replica file ended " + (count - buf.readableBytes()) + " bytes early");
                }
            }
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    @Override
    protected void deallocate() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a read-only file
        }
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        return this;
    }

    private final class Region extends AbstractReferenceCounted implements FileRegion {
        private final long position;
        private final long count;
        private long transferred;

        Region(long position, long count) {
            this.position = position;
            this.count = count;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        @Deprecated
        public long transfered() {
            return transferred;
        }

        @Override
        public long transferred() {
            return transferred;
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public long transferTo(WritableByteChannel target, long alreadyWritten) throws IOException {
            long n = count - alreadyWritten;
            if (n <= 0) {
                return 0;
            }
            long written = channel.transferTo(position + alreadyWritten, n, target);
            if (written > 0) {
                transferred += written;
            } else if (written == 0 && channel.size() < position + count) {
                throw new IOException("replica file shrank while being sent");
            }
            return written;
        }

        @Override
        protected void deallocate() {
            SharedFile.this.release();
        }

        @Override
        public FileRegion retain() {
            super.retain();
            return this;
        }

        @Override
        public FileRegion retain(int increment) {
            super.retain(increment);
            return this;
        }

        @Override
        public FileRegion touch() {
            return this;
        }

        @Override
        public FileRegion touch(Object hint) {
            return this;
        }
    }
}
