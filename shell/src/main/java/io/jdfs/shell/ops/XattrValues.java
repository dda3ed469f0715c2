package io.jdfs.shell.ops;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** Extended attribute values as getfattr and setfattr write them: text, {@code 0x} hex or {@code 0s} base64. */
public final class XattrValues {
    /** How values are printed: {@code auto} is text when the bytes are printable text, base64 otherwise. */
    public enum Encoding { auto, text, hex, base64 }

    private XattrValues() {
    }

    /** A value as typed: {@code 0x6869} hex, {@code 0saGk=} base64, {@code "hi"} or {@code hi} text. */
    public static byte[] parse(String typed) {
        String t = typed;
        try {
            if (t.length() >= 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                return HexFormat.of().parseHex(t.substring(2));
            }
            if (t.length() >= 2 && (t.startsWith("0s") || t.startsWith("0S"))) {
                return Base64.getDecoder().decode(t.substring(2));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value '" + typed + "': " + e.getMessage()
                    + " (0x... is hex, 0s... base64, anything else text)");
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }

    /** A value for printing; {@code quoteText} puts text in double quotes (getfattr -d's name="value"). */
    public static String format(byte[] v, Encoding e, boolean quoteText) {
        Encoding use = e == Encoding.auto ? (printableText(v) ? Encoding.text : Encoding.base64) : e;
        return switch (use) {
            case hex -> "0x" + HexFormat.of().formatHex(v);
            case base64 -> "0s" + Base64.getEncoder().encodeToString(v);
            default -> {
                String text = new String(v, StandardCharsets.UTF_8);
                yield quoteText ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : text;
            }
        };
    }

    /** Valid UTF-8 without control characters (a trailing NUL, as C strings are often stored, is allowed). */
    static boolean printableText(byte[] v) {
        int n = v.length > 0 && v[v.length - 1] == 0 ? v.length - 1 : v.length;
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        return s.chars().noneMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f);
    }
}
