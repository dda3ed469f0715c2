package io.jdfs.client.internal;

import io.jdfs.protocol.UnavailableException;

/** A data server that stopped answering in the middle of a transfer (cut off, not refusing). */
final class SilentServerException extends UnavailableException {
    SilentServerException(String message) {
        super(message);
    }
}
