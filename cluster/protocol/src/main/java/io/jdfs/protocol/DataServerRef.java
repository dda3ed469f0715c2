package io.jdfs.protocol;

/** How to reach a data server: its stable id and the address it advertises. */
public record DataServerRef(String id, String host, int port) {
    public String address() {
        return host + ":" + port;
    }
}
