package io.jdfs.webdav.props;

import javax.xml.namespace.QName;
import java.util.Map;

/** Dead properties (PROPPATCH) of resources; stored as extended attributes ({@link XattrDeadProperties}). */
public interface DeadProperties {
    /** The properties of {@code path} (empty when none), name to raw XML value. */
    Map<QName, String> get(String path);

    void set(String path, QName name, String xmlValue);

    void remove(String path, QName name);

    /** Drops the properties of {@code path} and everything below it. */
    void removeTree(String path);

    /** Copies the properties of {@code from} and everything below it to the same places under {@code to}. */
    void copyTree(String from, String to);

    default void moveTree(String from, String to) {
        removeTree(to);
        copyTree(from, to);
        removeTree(from);
    }
}
