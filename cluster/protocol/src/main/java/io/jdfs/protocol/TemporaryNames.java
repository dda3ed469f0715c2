package io.jdfs.protocol;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Hidden names uploads write to before they are renamed into place: {@code .NAME.jdfs-upload-XXXXXXXX}
 * in the target's own directory (so the final rename never crosses directories). The name server
 * recognises them: a temporary whose writer vanished is deleted rather than kept, and fsck lists any
 * that remain.
 */
public final class TemporaryNames {
    private static final String MARK = ".jdfs-upload-";
    private static final Pattern TEMPORARY = Pattern.compile("^\\..*\\.jdfs-upload-[0-9a-z]{8}$", Pattern.DOTALL);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

    private TemporaryNames() {
    }

    /** A fresh temporary path next to {@code target}. */
    public static DfsPath temporaryFor(DfsPath target) {
        StringBuilder suffix = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            suffix.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
        }
        String name = target.name();
        int room = DfsPath.MAX_NAME_BYTES - MARK.length() - 9;
        while (name.getBytes(StandardCharsets.UTF_8).length > room) { // keep it under the name limit
            name = name.substring(0, name.offsetByCodePoints(0, name.codePointCount(0, name.length()) - 1));
        }
        return target.parent().child("." + name + MARK + suffix);
    }

    public static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches();
    }
}
