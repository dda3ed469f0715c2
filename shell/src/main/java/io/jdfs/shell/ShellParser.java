package io.jdfs.shell;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

import java.util.List;

/**
 * JLine's line parser with the shell's quoting: completion escapes a name with backslashes exactly where
 * {@link Words} needs them (blanks, quotes, backslash, ';', '#'), so every name Tab inserts is read back as
 * that name. JLine's own escaping only covers blanks.
 */
final class ShellParser extends DefaultParser {
    /** The characters {@link Words} gives a meaning to outside quotes. */
    static final String SPECIAL = " \t\n\r'\"\\;#";

    ShellParser() {
        setEofOnUnclosedQuote(true);
    }

    /** {@code name} as typed on a command line so that {@link Words} reads it back unchanged. */
    static String escape(CharSequence name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        ParsedLine parsed = super.parse(line, cursor, context);
        if (!(parsed instanceof CompletingParsedLine completing)) {
            return parsed;
        }
        return new CompletingParsedLine() {
            @Override
            public CharSequence escape(CharSequence candidate, boolean complete) {
                String raw = line.substring(Math.max(0, cursor - completing.rawWordCursor()), Math.min(line.length(),
                        cursor - completing.rawWordCursor() + completing.rawWordLength()));
                if (!raw.isEmpty() && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
                    return completing.escape(candidate, complete); // inside quotes: JLine closes them
                }
                return ShellParser.escape(candidate);
            }

            @Override
            public int rawWordCursor() {
                return completing.rawWordCursor();
            }

            @Override
            public int rawWordLength() {
                return completing.rawWordLength();
            }

            @Override
            public String word() {
                return completing.word();
            }

            @Override
            public int wordCursor() {
                return completing.wordCursor();
            }

            @Override
            public int wordIndex() {
                return completing.wordIndex();
            }

            @Override
            public List<String> words() {
                return completing.words();
            }

            @Override
            public String line() {
                return completing.line();
            }

            @Override
            public int cursor() {
                return completing.cursor();
            }
        };
    }
}
