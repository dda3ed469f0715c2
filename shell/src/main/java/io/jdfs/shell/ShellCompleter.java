package io.jdfs.shell;

import io.jdfs.protocol.FileStatus;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.shell.jline3.PicocliJLineCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Tab completion: command names and options come from the picocli model (picocli-shell-jline3); a positional
 * argument is completed by its label: LOCAL... from the local file system, PATH/REMOTE/DIR/SRC/DST/TARGET/LINK by listing
 * the remote directory, COMMAND with command names.
 */
public final class ShellCompleter implements Completer {
    private static final int MAX_CANDIDATES = 2000;

    private final CommandLine commands;
    private final Session session;
    private final PicocliJLineCompleter picocli;

    ShellCompleter(CommandLine commands, Session session) {
        this.commands = commands;
        this.session = session;
        this.picocli = new PicocliJLineCompleter(commands.getCommandSpec());
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int wi = line.wordIndex();
        String word = line.word() == null ? "" : line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (wi == 0 || word.startsWith("-")) {
            picocli.complete(reader, line, candidates); // command names, options
            return;
        }
        CommandLine sub = commands.getSubcommands().get(words.get(0));
        if (sub == null) {
            return;
        }
        PositionalParamSpec p = positionalAt(sub.getCommandSpec(), words, wi);
        if (p == null) {
            return;
        }
        String label = p.paramLabel();
        if (label.equals("COMMAND")) {
            commands.getSubcommands().keySet().stream().filter(n -> n.startsWith(word))
                    .forEach(n -> candidates.add(new Candidate(n)));
        } else if (label.startsWith("LOCAL")) {
            local(word, candidates);
        } else if (label.equals("PATH") || label.equals("REMOTE") || label.equals("DIR") || label.equals("SRC")
                || label.equals("DST") || label.equals("TARGET") || label.equals("LINK")) {
            remote(word, label.equals("DIR"), candidates);
        }
    }

    /** Which positional parameter the word at {@code wi} fills: words before it that are not options (or option values) are counted. */
    private static PositionalParamSpec positionalAt(CommandSpec spec, List<String> words, int wi) {
        int pos = 0;
        for (int i = 1; i < wi; i++) {
            String w = words.get(i);
            if (w.startsWith("-") && w.length() > 1) {
                OptionSpec o = spec.findOption(w);
                if (o != null && o.arity().max() > 0 && !w.contains("=")) {
                    i++;
                }
                continue;
            }
            pos++;
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(pos)) {
                return p;
            }
        }
        return null;
    }

    /** Remote entries of the directory typed so far (a trailing "/" marks directories, which stay open for more). */
    void remote(String word, boolean dirsOnly, List<Candidate> candidates) {
        if (!session.connected()) {
            return;
        }
        int slash = word.lastIndexOf('/');
        String typedDir = slash < 0 ? "" : word.substring(0, slash + 1);
        String prefix = word.substring(slash + 1);
        try {
            String dir = typedDir.isEmpty() ? session.cwd() : session.remote(typedDir);
            Iterator<FileStatus> it = session.client().listIterator(dir);
            int n = 0;
            while (it.hasNext() && n < MAX_CANDIDATES) {
                FileStatus f = it.next();
                if (f.name().startsWith(prefix) && (!dirsOnly || f.isDirectory())) {
                    String shown = f.name() + (f.isDirectory() ? "/" : "");
                    candidates.add(new Candidate(typedDir + shown, shown, null, null, null, null, !f.isDirectory()));
                    n++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to offer: not a directory, no connection
        }
    }

    void local(String word, List<Candidate> candidates) {
        int slash = word.lastIndexOf('/');
        String typedDir = slash < 0 ? "" : word.substring(0, slash + 1);
        String prefix = word.substring(slash + 1);
        Path dir = typedDir.isEmpty() ? session.lcwd() : session.local(typedDir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            int n = 0;
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && (!name.startsWith(".") || prefix.startsWith(".")) && n++ < MAX_CANDIDATES) {
                    boolean isDir = Files.isDirectory(p);
                    String shown = name + (isDir ? "/" : "");
                    candidates.add(new Candidate(typedDir + shown, shown, null, null, null, null, !isDir));
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to offer
        }
    }
}
