package io.jdfs.console.ui;

/** Joining and splitting the cluster's absolute paths. */
final class DfsPaths {
    private DfsPaths() {
    }

    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    static String name(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }

    /** A name typed by a user or sent by a browser: no directories in it, nothing special. */
    static String safeName(String name) {
        String n = name == null ? "" : name.strip();
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a usable file name");
        }
        return n;
    }

    /** A path from the URL ("a/b") as an absolute path ("/a/b"). */
    static String fromUrl(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return "/";
        }
        String p = parameter.startsWith("/") ? parameter : "/" + parameter;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** An absolute path as the part of a URL after the route ("/a/b" -> "a/b"). */
    static String toUrl(String path) {
        return path.equals("/") ? "" : path.substring(1);
    }
}
