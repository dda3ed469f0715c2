package io.jdfs.client;

import java.io.IOException;

/**
 * What became of one path of {@link DfsClient#deleteAll}: deleted (and on disk in the name server's
 * journal), not there ({@code deleted} false, no error), or refused ({@code error}: a non-empty
 * directory without recursive, permission denied, the name server unreachable...).
 */
public record DeleteResult(String path, boolean deleted, IOException error) {
    /** True when the path was deleted or was not there (as {@code rm -f} sees it). */
    public boolean gone() {
        return error == null;
    }
}
