package io.jdfs.name.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of journal segments ({@code edits_<first txid>}) and checkpoints ({@code checkpoint_<txid>}). */
public final class Segments {
    public static final byte[] SEGMENT_MAGIC = {'J', 'D', 'F', 'S', 'E', 'D', 'I', 'T'};
    public static final int SEGMENT_VERSION = 1;
    public static final int SEGMENT_HEADER_BYTES = 8 + 4 + 8;
    private static final Pattern SEGMENT = Pattern.compile("edits_(\\d{19})");
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint_(\\d{19})");

    private Segments() {
    }

    /** A file of the metadata directory and the txid its name carries. */
    public record Entry(Path path, long txid) {
    }

    public static Path segment(Path dir, long firstTxid) {
        return dir.resolve(String.format("edits_%019d", firstTxid));
    }

    public static Path checkpoint(Path dir, long txid) {
        return dir.resolve(String.format("checkpoint_%019d", txid));
    }

    public static List<Entry> segments(Path dir) throws IOException {
        return list(dir, SEGMENT);
    }

    public static List<Entry> checkpoints(Path dir) throws IOException {
        return list(dir, CHECKPOINT);
    }

    private static List<Entry> list(Path dir, Pattern p) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path f : s) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(new Entry(f, Long.parseLong(m.group(1))));
                }
            }
        }
        out.sort(Comparator.comparingLong(Entry::txid));
        return out;
    }
}
