package io.jdfs.webdav.lock;

import java.util.List;

/** The XML of lockdiscovery and supportedlock (RFC 4918 sections 15.8 and 15.10), with the "D:" prefix. */
public final class LockXml {
    private LockXml() {
    }

    public static String activeLock(DavLock l, long nowMillis, String rootHref) {
        StringBuilder sb = new StringBuilder("<D:activelock>")
                .append("<D:locktype><D:write/></D:locktype>")
                .append("<D:lockscope>").append(l.exclusive() ? "<D:exclusive/>" : "<D:shared/>").append("</D:lockscope>")
                .append("<D:depth>").append(l.infinite() ? "infinity" : "0").append("</D:depth>");
        if (l.ownerXml() != null) {
            sb.append(l.ownerXml());
        }
        long left = l.secondsLeft(nowMillis);
        sb.append("<D:timeout>").append(left < 0 ? "Infinite" : "Second-" + left).append("</D:timeout>")
                .append("<D:locktoken><D:href>").append(l.token()).append("</D:href></D:locktoken>")
                .append("<D:lockroot><D:href>").append(rootHref).append("</D:href></D:lockroot>")
                .append("</D:activelock>");
        return sb.toString();
    }

    /** The inner content of a lockdiscovery element. */
    public static String discovery(List<DavLock> locks, long nowMillis, java.util.function.Function<String, String> href) {
        StringBuilder sb = new StringBuilder();
        for (DavLock l : locks) {
            sb.append(activeLock(l, nowMillis, href.apply(l.root())));
        }
        return sb.toString();
    }

    public static final String SUPPORTED = "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope>"
            + "<D:locktype><D:write/></D:locktype></D:lockentry>"
            + "<D:lockentry><D:lockscope><D:shared/></D:lockscope>"
            + "<D:locktype><D:write/></D:locktype></D:lockentry>";
}
