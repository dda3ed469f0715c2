package io.jdfs.client;

/** How {@link DfsClient#openFile} opens a file, as the flags of POSIX open(2). */
public enum OpenFlag {
    /** Reads allowed. */
    READ,
    /** Writes allowed: the file's lease is taken (one writer at a time). */
    WRITE,
    /** Create the file when it does not exist (O_CREAT). */
    CREATE,
    /** With {@link #CREATE}: fail when it exists (O_EXCL). */
    EXCLUSIVE,
    /** Cut the file to zero bytes on open (O_TRUNC). */
    TRUNCATE,
    /** Every write goes to the end of the file (O_APPEND). */
    APPEND
}
