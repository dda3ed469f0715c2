package io.jdfs.webdav;

/**
 * Ends a request with an HTTP status and a short plain-text reason (or an XML error body when
 * {@code xmlCondition} names an RFC 4918 precondition element).
 */
public final class DavStatusException extends Exception {
    private final int status;
    private final String xmlCondition;

    public DavStatusException(int status, String message) {
        this(status, message, null);
    }

    public DavStatusException(int status, String message, String xmlCondition) {
        super(message);
        this.status = status;
        this.xmlCondition = xmlCondition;
    }

    public int status() {
        return status;
    }

    public String xmlCondition() {
        return xmlCondition;
    }
}
