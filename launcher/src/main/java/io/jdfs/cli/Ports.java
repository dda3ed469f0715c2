package io.jdfs.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the ports a command is about to listen on before it creates anything, so "Address already in use"
 * names the port, its role, and (where /proc says) the process holding it.
 */
final class Ports {
    private Ports() {
    }

    /** Fails with one line naming the first port of {@code ports} (role -> port; 0 = any) that is taken. */
    static void requireFree(String host, Map<String, Integer> ports) {
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            int port = e.getValue();
            if (port <= 0) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(host, port));
            } catch (IOException ex) {
                String holder = holder(port);
                throw new CliException("port " + port + " (" + e.getKey() + ") on " + host + " is in use"
                        + (holder == null ? "" : " by " + holder) + "; stop it, or choose another port ("
                        + flag(e.getKey()) + ")");
            }
        }
    }

    static Map<String, Integer> of(Object... roleAndPort) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < roleAndPort.length; i += 2) {
            m.put((String) roleAndPort[i], (Integer) roleAndPort[i + 1]);
        }
        return m;
    }

    private static String flag(String role) {
        return switch (role) {
            case "name server" -> "--port";
            case "web" -> "--web-port";
            case "WebDAV" -> "--webdav-port or --no-webdav";
            default -> "--first-data-port";
        };
    }

    /** "process 1234 (java -jar jdfs.jar local)" from /proc on Linux; null where it cannot tell. */
    static String holder(int port) {
        String inode = listeningInode(port);
        if (inode == null) {
            return null;
        }
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (target.equals(readLink(fd))) {
                            String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .replace('\0', ' ').strip();
                            if (cmd.length() > 80) {
                                cmd = cmd.substring(0, 77) + "...";
                            }
                            return "process " + proc.getFileName() + (cmd.isEmpty() ? "" : " (" + cmd + ")");
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process: not ours to look at
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The inode of the socket listening on {@code port}, from /proc/net/tcp and tcp6 (state 0A = LISTEN). */
    private static String listeningInode(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        return f[9];
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
        }
        return null;
    }
}
