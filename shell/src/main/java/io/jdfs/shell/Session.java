package io.jdfs.shell;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.common.HostPort;
import io.jdfs.shell.ops.CancelledException;
import io.jdfs.shell.ops.OpException;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.Transfer;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The state of one shell: its connection, remote and local working directories, output, the running transfer. */
public final class Session implements AutoCloseable {
    private final ShellOptions options;
    private final Terminal terminal;       // null in batch mode without a terminal
    private final boolean fancy;           // colours, columns and progress bars: a real (not dumb) terminal
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputStream raw;
    private DfsClient client;
    private String address;
    private String cwd = "/";
    private String previousCwd = "/";
    private Path lcwd;
    private LineReader reader;
    private boolean exitRequested;
    private volatile boolean cancelled;
    private volatile Transfer current;
    private volatile Thread worker;

    Session(ShellOptions options, Terminal terminal, PrintWriter out, PrintWriter err, OutputStream raw) {
        this.options = options;
        this.terminal = terminal;
        this.fancy = terminal != null && !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        this.out = out;
        this.err = err;
        this.raw = raw;
        this.lcwd = options.localDir() == null ? Path.of("").toAbsolutePath() : options.localDir().toAbsolutePath();
    }

    // ---- connection ------------------------------------------------------------------------------

    public DfsClient client() throws OpException {
        if (client == null) {
            throw new OpException("not connected (use: open HOST:PORT)");
        }
        return client;
    }

    public boolean connected() {
        return client != null;
    }

    public String address() {
        return address;
    }

    public void open(String nameServer) throws IOException {
        HostPort hp;
        try {
            hp = HostPort.parse(nameServer, ClientConfig.DEFAULT_NAME_SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new OpException("invalid name server address '" + nameServer + "': " + e.getMessage());
        }
        DfsClient c = DfsClient.connect(ClientConfig.of(hp.toString()).withSecret(options.secret()).withTls(options.tls())
                .withLogin(options.login()));
        disconnect();
        client = c;
        address = hp.toString();
        cwd = "/";
        previousCwd = "/";
    }

    public void disconnect() {
        if (client != null) {
            client.close();
            client = null;
            address = null;
        }
    }

    // ---- paths -----------------------------------------------------------------------------------

    public String cwd() {
        return cwd;
    }

    public void cd(String dir) {
        previousCwd = cwd;
        cwd = dir;
    }

    public String previousCwd() {
        return previousCwd;
    }

    /** A remote path as typed: absolute, or relative to the working directory. */
    public String remote(String arg) {
        return RemotePaths.resolve(cwd, arg);
    }

    public Path lcwd() {
        return lcwd;
    }

    public void lcd(Path dir) throws OpException {
        Path d = local(dir.toString());
        if (!Files.isDirectory(d)) {
            throw new OpException(d + ": no such local directory");
        }
        lcwd = d;
    }

    /** A local path as typed: "~" is the home directory; relative paths are taken from the local working directory. */
    public Path local(String arg) {
        String a = arg;
        if (a.equals("~") || a.startsWith("~/")) {
            a = System.getProperty("user.home") + a.substring(1);
        }
        return lcwd.resolve(a).normalize();
    }

    // ---- output ----------------------------------------------------------------------------------

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** For bytes (cat): the terminal's or the process' output stream. */
    public OutputStream raw() {
        out.flush();
        return raw;
    }

    /** Colours, columns and bars: only on a real terminal, never when piped. */
    public boolean fancy() {
        return fancy;
    }

    public int width() {
        return terminal == null || terminal.getWidth() <= 0 ? 80 : terminal.getWidth();
    }

    public String styled(String text, AttributedStyle style) {
        return fancy ? new AttributedString(text, style).toAnsi(terminal) : text;
    }

    public Terminal terminal() {
        return terminal;
    }

    // ---- transfers and Ctrl-C ----------------------------------------------------------------------

    /** A transfer for one file, shown with a progress bar and closed by a summary line starting with {@code label}. */
    public Transfer transfer(String label, long bytesPerSecond) throws CancelledException {
        if (cancelled) {
            throw new CancelledException("transfer");
        }
        Transfer t = new Transfer(new Progress(fancy ? terminal : null, out, label), bytesPerSecond);
        current = t;
        return t;
    }

    /** Ctrl-C while a command runs: cancel its transfer and wake it up. */
    public void interrupt() {
        cancelled = true;
        Transfer t = current;
        if (t != null) {
            t.cancel();
        }
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    void commandStarting() {
        cancelled = false;
        current = null;
        worker = Thread.currentThread();
    }

    void commandEnded() {
        worker = null;
        current = null;
        Thread.interrupted(); // a late Ctrl-C must not hit the next command
    }

    // ---- the REPL --------------------------------------------------------------------------------

    public LineReader reader() {
        return reader;
    }

    void reader(LineReader r) {
        this.reader = r;
    }

    public void requestExit() {
        exitRequested = true;
    }

    boolean exitRequested() {
        return exitRequested;
    }

    @Override
    public void close() {
        disconnect();
    }
}
