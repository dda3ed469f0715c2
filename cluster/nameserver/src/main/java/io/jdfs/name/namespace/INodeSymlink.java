package io.jdfs.name.namespace;

/** A symbolic link: a path (absolute, or relative to the link's directory) resolved when walked. */
public final class INodeSymlink extends INode {
    final String target;

    INodeSymlink(long id, String target, long nowNanos) {
        super(id, 0777, nowNanos);
        this.target = target;
    }

    public String target() {
        return target;
    }
}
