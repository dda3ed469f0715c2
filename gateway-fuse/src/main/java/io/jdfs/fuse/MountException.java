package io.jdfs.fuse;

import java.io.IOException;

/** A mount or unmount that could not be done, with the reason in words a user can act on. */
public class MountException extends IOException {
    public MountException(String message) {
        super(message);
    }

    public MountException(String message, Throwable cause) {
        super(message, cause);
    }
}
