package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import io.jdfs.client.XattrMode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** The words of {@code xattr get|set|list|rm PATH [NAME [VALUE]]}, and what they do: one mixin for both front ends. */
public final class XattrArgs {
    /** What xattr does. */
    public enum Action { get, set, list, rm }

    @Parameters(index = "0", paramLabel = "ACTION", description = "get, set, list or rm")
    Action action;

    @Parameters(index = "1", paramLabel = "PATH", description = "Remote path")
    String path;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "Attribute name, e.g. user.comment")
    String name;

    @Parameters(index = "3", arity = "0..1", paramLabel = "VALUE",
            description = "For set: text, 0x... hex or 0s... base64 (as setfattr)")
    String value;

    @Option(names = {"-e", "--encoding"}, paramLabel = "ENC", defaultValue = "auto",
            description = "How get and list print values: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: text"
                    + " when printable, else base64)")
    XattrValues.Encoding encoding;

    @Option(names = "--create", description = "set: fail if the attribute exists")
    boolean create;

    @Option(names = "--replace", description = "set: fail unless the attribute exists")
    boolean replace;

    /** The path as typed, for the front end to resolve. */
    public String path() {
        return path;
    }

    /** Runs the action on {@code resolved}: get prints the value, list prints name=value lines as getfattr -d. */
    public void run(DfsClient c, String resolved, PrintWriter out) throws IOException {
        int words = name == null ? 0 : value == null ? 1 : 2;
        int wanted = switch (action) {
            case get, rm -> 1;
            case set -> 2;
            case list -> 0;
        };
        if (words != wanted) {
            throw new IllegalArgumentException("xattr " + action + " takes PATH" + (wanted > 0 ? " NAME" : "")
                    + (wanted > 1 ? " VALUE" : ""));
        }
        switch (action) {
            case get -> out.println(XattrValues.format(c.xattr(resolved, name), encoding, false));
            case set -> c.setXattr(resolved, name, XattrValues.parse(value), mode());
            case rm -> c.removeXattr(resolved, name);
            case list -> {
                for (Map.Entry<String, byte[]> e : c.xattrs(resolved).entrySet()) {
                    out.println(e.getKey() + "=" + XattrValues.format(e.getValue(), encoding, true));
                }
            }
        }
        out.flush();
    }

    private XattrMode mode() {
        if (create && replace) {
            throw new IllegalArgumentException("--create and --replace exclude each other");
        }
        return create ? XattrMode.CREATE : replace ? XattrMode.REPLACE : XattrMode.SET;
    }
}
