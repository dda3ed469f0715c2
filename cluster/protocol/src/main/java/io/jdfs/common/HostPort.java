package io.jdfs.common;

/** A host and port as given on a command line: "host:port", "host" or ":port". */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static HostPort parse(String text, int defaultPort) {
        String s = text.trim();
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort(s, defaultPort);
        }
        String host = colon == 0 ? "localhost" : s.substring(0, colon);
        try {
            return new HostPort(host, Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a HOST:PORT address: " + text);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
