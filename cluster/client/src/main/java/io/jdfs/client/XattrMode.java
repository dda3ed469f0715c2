package io.jdfs.client;

/** How {@link DfsClient#setXattr} treats an existing attribute, as setxattr(2)'s flags. */
public enum XattrMode {
    /** Create it or replace it. */
    SET(0),
    /** Fail with ALREADY_EXISTS if it exists (XATTR_CREATE). */
    CREATE(1),
    /** Fail with NO_SUCH_ATTRIBUTE if it does not exist (XATTR_REPLACE). */
    REPLACE(2);

    private final int flag;

    XattrMode(int flag) {
        this.flag = flag;
    }

    int flag() {
        return flag;
    }
}
