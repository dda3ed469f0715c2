package io.jdfs.webdav.lock;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The WebDAV If header (RFC 4918 section 10.4): tagged or untagged lists of conditions, each a
 * state token or an entity tag, optionally negated. The header is true when any list is true;
 * a list is true when all its conditions are.
 */
public record IfHeader(List<TaggedList> lists) {

    /** One condition: a lock token (or other state token URI) or an entity tag. */
    public record Condition(boolean not, String stateToken, String etag) {
    }

    /** A list of conditions; {@code resource} is the tag (a raw URI or path) or null when untagged. */
    public record TaggedList(String resource, List<Condition> conditions) {
    }

    /** What an evaluator needs to know about one resource named by the header. */
    public interface ResourceState {
        /** The current entity tag of the resource, or null when it does not exist. */
        String etag(String resourceTag);

        /** Whether {@code token} names a lock that covers the resource. */
        boolean lockedWith(String resourceTag, String token);
    }

    /** Thrown for a header that does not follow the grammar; answered with 400. */
    public static final class ParseException extends Exception {
        public ParseException(String message) {
            super(message);
        }
    }

    public static IfHeader parse(String header) throws ParseException {
        List<TaggedList> lists = new ArrayList<>();
        String s = header.trim();
        int i = 0;
        String tag = null;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '<') {
                int end = s.indexOf('>', i);
                if (end < 0) {
                    throw new ParseException("unterminated resource tag in If header");
                }
                tag = s.substring(i + 1, end);
                i = end + 1;
            } else if (c == '(') {
                int end = s.indexOf(')', i);
                if (end < 0) {
                    throw new ParseException("unterminated list in If header");
                }
                lists.add(new TaggedList(tag, conditions(s.substring(i + 1, end))));
                i = end + 1;
            } else {
                throw new ParseException("unexpected '" + c + "' in If header");
            }
        }
        if (lists.isEmpty()) {
            throw new ParseException("If header without a list");
        }
        return new IfHeader(List.copyOf(lists));
    }

    private static List<Condition> conditions(String body) throws ParseException {
        List<Condition> out = new ArrayList<>();
        int i = 0;
        boolean not = false;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (body.regionMatches(true, i, "Not", 0, 3)) {
                not = true;
                i += 3;
            } else if (c == '<') {
                int end = body.indexOf('>', i);
                if (end < 0) {
                    throw new ParseException("unterminated state token in If header");
                }
                out.add(new Condition(not, body.substring(i + 1, end), null));
                not = false;
                i = end + 1;
            } else if (c == '[') {
                int end = body.indexOf(']', i);
                if (end < 0) {
                    throw new ParseException("unterminated entity tag in If header");
                }
                out.add(new Condition(not, null, body.substring(i + 1, end).trim()));
                not = false;
                i = end + 1;
            } else {
                throw new ParseException("unexpected '" + c + "' in If header list");
            }
        }
        if (out.isEmpty()) {
            throw new ParseException("empty list in If header");
        }
        return out;
    }

    /** Every state token the header mentions un-negated: the tokens the client "submits". */
    public Set<String> submittedTokens() {
        Set<String> out = new LinkedHashSet<>();
        for (TaggedList l : lists) {
            for (Condition c : l.conditions()) {
                if (c.stateToken() != null && !c.not()) {
                    out.add(c.stateToken());
                }
            }
        }
        return out;
    }

    /** True when any list holds; untagged lists are judged against {@code requestTag}. */
    public boolean evaluate(String requestTag, ResourceState state) {
        for (TaggedList l : lists) {
            String resource = l.resource() == null ? requestTag : l.resource();
            if (holds(l, resource, state)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(TaggedList list, String resource, ResourceState state) {
        for (Condition c : list.conditions()) {
            boolean v;
            if (c.stateToken() != null) {
                v = state.lockedWith(resource, c.stateToken());
            } else {
                String current = state.etag(resource);
                v = current != null && stripWeak(current).equals(stripWeak(c.etag()));
            }
            if (v == c.not()) {
                return false;
            }
        }
        return true;
    }

    private static String stripWeak(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }
}
