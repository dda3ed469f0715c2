package io.jdfs.fuse;

import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.ChecksumException;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DirectoryNotEmptyException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.InvalidPathException;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.NoSpaceException;
import io.jdfs.protocol.NotADirectoryException;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.SafeModeException;
import io.jdfs.protocol.UnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrnoTest {
    @Test
    void typedClientFailuresMapToTheirErrno() {
        assertThat(Errno.of(new PathNotFoundException("x"))).isEqualTo(-2);
        assertThat(Errno.of(new PathExistsException("x"))).isEqualTo(-17);
        assertThat(Errno.of(new NotADirectoryException("x"))).isEqualTo(-20);
        assertThat(Errno.of(new IsADirectoryException("x"))).isEqualTo(-21);
        assertThat(Errno.of(new DirectoryNotEmptyException("x"))).isEqualTo(-39);
        assertThat(Errno.of(new NoSpaceException(ErrorCode.NO_DATA_SERVERS, "x"))).isEqualTo(-28);
        assertThat(Errno.of(new AuthenticationException("x"))).isEqualTo(-13);
        assertThat(Errno.of(new LeaseConflictException("x"))).isEqualTo(-16);
        assertThat(Errno.of(new SafeModeException("x"))).isEqualTo(-30);
        assertThat(Errno.of(new DfsException(ErrorCode.READ_ONLY, "journal failed"))).isEqualTo(-30);
        assertThat(Errno.of(new InvalidPathException("empty path component in /a//b"))).isEqualTo(-22);
        assertThat(Errno.of(new InvalidPathException("name longer than 255 bytes"))).isEqualTo(-36);
        assertThat(Errno.of(new DfsException(ErrorCode.INVALID_ARGUMENT, "x"))).isEqualTo(-22);
        assertThat(Errno.of(new InterruptedIOException("x"))).isEqualTo(-4);
    }

    @Test
    void onlyRealIoFailuresAreEio() {
        assertThat(Errno.of(new ChecksumException("x"))).isEqualTo(-5);
        assertThat(Errno.of(new UnavailableException("x"))).isEqualTo(-5);
        assertThat(Errno.of(new IOException("disk"))).isEqualTo(-5);
        assertThat(Errno.of(new IllegalStateException("bug"))).isEqualTo(-5);
    }

    @Test
    void wrappedFailuresAreUnwrapped() {
        assertThat(Errno.of(new UncheckedIOException(new PathNotFoundException("x")))).isEqualTo(-2);
        assertThat(Errno.of(new java.util.concurrent.CompletionException(new NoSpaceException(ErrorCode.NO_SPACE, "x"))))
                .isEqualTo(-28);
        assertThat(Errno.of(new IOException("reading /f failed", new PathNotFoundException("x")))).isEqualTo(-2);
    }

    @Test
    void serverSideFailuresAreTheOnesWorthAWarning() {
        assertThat(Errno.isServerSide(-Errno.EIO)).isTrue();
        assertThat(Errno.isServerSide(-Errno.ENOSPC)).isTrue();
        assertThat(Errno.isServerSide(-Errno.ENOENT)).isFalse();
        assertThat(Errno.isServerSide(-Errno.ENOTEMPTY)).isFalse();
    }
}
