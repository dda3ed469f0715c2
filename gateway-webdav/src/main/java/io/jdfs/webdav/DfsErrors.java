package io.jdfs.webdav;

import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.InvalidPathException;

import java.io.IOException;

/** Maps client errors to HTTP statuses. */
final class DfsErrors {
    private DfsErrors() {
    }

    static DavStatusException toStatus(IOException e) {
        if (e instanceof DfsException d) {
            String code = d.code().name();
            int status = switch (code) {
                case "NOT_FOUND" -> 404;
                case "ALREADY_EXISTS" -> 405;
                case "NOT_A_DIRECTORY" -> 409;
                case "IS_A_DIRECTORY" -> 405;
                case "DIRECTORY_NOT_EMPTY" -> 409;
                case "INVALID_PATH", "INVALID_ARGUMENT" -> 400;
                case "LEASE_CONFLICT" -> 423;
                case "NO_SPACE", "NO_DATA_SERVERS" -> 507;
                case "UNAVAILABLE", "SAFE_MODE" -> 503;
                case "AUTHENTICATION", "PROTOCOL", "CHECKSUM" -> 502;
                // codes the POSIX work adds (permission checks) map without a compile-time link
                case "PERMISSION_DENIED", "ACCESS_DENIED", "NOT_PERMITTED" -> 403;
                default -> 500;
            };
            return new DavStatusException(status, d.getMessage());
        }
        return new DavStatusException(502, "cluster error: " + e.getMessage());
    }

    static DavStatusException toStatus(InvalidPathException e) {
        return new DavStatusException(400, e.getMessage());
    }
}
