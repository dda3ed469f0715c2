package io.jdfs.protocol;


import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A validated, normalised absolute path in the JDFS namespace.
 * Hostile input (relative paths, "." or "..", empty components, NUL, over-long names) is refused
 * here, once, so no server code ever sees it.
 */
public final class DfsPath implements Comparable<DfsPath> {
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;
    public static final DfsPath ROOT = new DfsPath(List.of());

    private final List<String> components;

    private DfsPath(List<String> components) {
        this.components = components;
    }

    /** Parses an absolute path; a single trailing slash is tolerated, "//" inside is not. */
    public static DfsPath of(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidPathException("empty path");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidPathException("path contains a NUL byte");
        }
        if (path.charAt(0) != '/') {
            throw new InvalidPathException("path must be absolute (start with '/'): " + path);
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new InvalidPathException("path longer than " + MAX_PATH_BYTES + " bytes");
        }
        String body = path.length() > 1 && path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
        if (body.isEmpty()) {
            if (path.length() > 1) {
                throw new InvalidPathException("empty path component in " + path);
            }
            return ROOT;
        }
        List<String> parts = new ArrayList<>();
        for (String part : body.split("/", -1)) {
            checkName(part, path);
            parts.add(part);
        }
        return new DfsPath(Collections.unmodifiableList(parts));
    }

    /**
     * Refuses a path a new entry would get if it has a control character (below 0x20, or DEL) in
     * it: a newline in a name breaks every listing and script. Checked where names are created
     * (mkdir, create, rename target), not on lookup, so an old name can still be renamed or deleted.
     */
    public DfsPath checkCreatable() {
        for (String c : components) {
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (ch < 0x20 || ch == 0x7f) {
                    throw new InvalidPathException("control character " + String.format("0x%02x", (int) ch)
                            + " in name '" + printable(c) + "': names may not contain newlines, tabs or other"
                            + " control characters");
                }
            }
        }
        return this;
    }

    /** The name with control characters shown as \n, \t or \xNN, for messages and listings. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\x%02x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Checks that a single name is usable as a directory entry. */
    public static void checkName(String name, String context) {
        if (name.isEmpty()) {
            throw new InvalidPathException("empty path component in " + context);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidPathException("'" + name + "' is not allowed as a path component: " + context);
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new InvalidPathException("illegal character in name: " + context);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new InvalidPathException("name longer than " + MAX_NAME_BYTES + " bytes in " + context);
        }
    }

    public boolean isRoot() {
        return components.isEmpty();
    }

    public List<String> components() {
        return components;
    }

    public int depth() {
        return components.size();
    }

    /** The last component; "" for the root. */
    public String name() {
        return isRoot() ? "" : components.get(components.size() - 1);
    }

    public DfsPath parent() {
        if (isRoot()) {
            return null;
        }
        return new DfsPath(components.subList(0, components.size() - 1));
    }

    public DfsPath child(String name) {
        checkName(name, toString() + "/" + name);
        List<String> parts = new ArrayList<>(components);
        parts.add(name);
        DfsPath p = new DfsPath(Collections.unmodifiableList(parts));
        if (p.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new InvalidPathException("path longer than " + MAX_PATH_BYTES + " bytes");
        }
        return p;
    }

    /** True when this path equals other or lies below it. */
    public boolean isSameOrDescendantOf(DfsPath other) {
        return components.size() >= other.components.size()
                && components.subList(0, other.components.size()).equals(other.components);
    }

    @Override
    public String toString() {
        return isRoot() ? "/" : "/" + String.join("/", components);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DfsPath p && p.components.equals(components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    @Override
    public int compareTo(DfsPath o) {
        return toString().compareTo(o.toString());
    }
}
