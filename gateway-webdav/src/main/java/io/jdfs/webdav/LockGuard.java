package io.jdfs.webdav;

import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.lock.DavLock;
import io.jdfs.webdav.lock.IfHeader;
import io.jdfs.webdav.lock.LockManager;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The preconditions of a request that changes something: the If header must hold (else 412) and
 * every lock protecting what changes must have one of its tokens submitted by its owner (else 423).
 */
final class LockGuard {
    private final Gateway gw;
    private final HttpServletRequest req;
    private final String principal;
    private final IfHeader ifHeader;

    LockGuard(Gateway gw, HttpServletRequest req, String principal) throws DavStatusException {
        this.gw = gw;
        this.req = req;
        this.principal = principal;
        String h = req.getHeader("If");
        try {
            this.ifHeader = h == null ? null : IfHeader.parse(h);
        } catch (IfHeader.ParseException e) {
            throw new DavStatusException(400, e.getMessage());
        }
    }

    IfHeader ifHeader() {
        return ifHeader;
    }

    Set<String> submittedTokens() {
        return ifHeader == null ? Set.of() : ifHeader.submittedTokens();
    }

    /** Evaluates the If header, untagged lists against {@code requestPath}; 412 when it is false. */
    void checkIf(String requestPath) throws DavStatusException {
        if (ifHeader == null) {
            return;
        }
        IfHeader.ResourceState state = new IfHeader.ResourceState() {
            @Override
            public String etag(String tag) {
                try {
                    FileStatus st = gw.stat(path(tag, requestPath));
                    return st == null ? null : ETags.of(st);
                } catch (DavStatusException e) {
                    return null;
                }
            }

            @Override
            public boolean lockedWith(String tag, String token) {
                String p = path(tag, requestPath);
                return gw.locks().covering(p).stream().anyMatch(l -> l.token().equals(token));
            }
        };
        if (!ifHeader.evaluate(null, state)) {
            throw new DavStatusException(412, "the If header's conditions do not hold");
        }
    }

    private String path(String tag, String requestPath) {
        if (tag == null) {
            return requestPath;
        }
        try {
            return DavPath.fromDestination(tag, null);
        } catch (DavPath.BadPathException e) {
            return "\0invalid";
        }
    }

    /**
     * 423 unless the request holds the locks on {@code path}: those covering it, those below it
     * when {@code tree} (DELETE, MOVE, overwrite of a collection), and a depth-0 lock on the
     * parent when {@code membership} (the parent gains or loses a member).
     */
    void checkWrite(String path, boolean tree, boolean membership) throws DavStatusException {
        LockManager locks = gw.locks();
        Map<String, List<DavLock>> groups = new LinkedHashMap<>();
        for (DavLock l : locks.covering(path)) {
            groups.computeIfAbsent("cover", k -> new ArrayList<>()).add(l);
        }
        if (tree) {
            for (DavLock l : locks.below(path)) {
                groups.computeIfAbsent(l.root(), k -> new ArrayList<>()).add(l);
            }
        }
        if (membership && !path.equals("/")) {
            String parent = DavPath.parent(path);
            for (DavLock l : locks.covering(parent)) {
                if (!l.infinite() && l.root().equals(parent)) {
                    groups.computeIfAbsent("parent", k -> new ArrayList<>()).add(l);
                }
            }
        }
        Set<String> submitted = submittedTokens();
        for (List<DavLock> group : groups.values()) {
            boolean held = group.stream().anyMatch(l -> submitted.contains(l.token())
                    && Objects.equals(l.principal(), principal));
            if (!held) {
                throw new DavStatusException(423, "locked: " + group.get(0).root(),
                        "<D:lock-token-submitted><D:href>" + Xml.escape(DavPath.encode(group.get(0).root()))
                                + "</D:href></D:lock-token-submitted>");
            }
        }
    }
}
