package io.jdfs.shell.ops;

/**
 * truncate -s's SIZE as coreutils reads it: a length ({@code 10m}), or relative to the current one: {@code +N}
 * extends, {@code -N} shortens, {@code <N} at most, {@code >N} at least, {@code /N} rounds down and {@code %N}
 * up to a multiple of N. Units: K, M, G, T, P, E are powers of 1024 (KiB... too), KB, MB... of 1000.
 */
public record SizeChange(char op, long amount) {
    private static final String UNITS = "KMGTPE";

    public SizeChange {
        if (amount < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
        if ((op == '/' || op == '%') && amount == 0) {
            throw new IllegalArgumentException("division by zero in size '" + op + "0'");
        }
    }

    public static SizeChange parse(String text) {
        String t = text.strip();
        char op = t.isEmpty() ? '=' : t.charAt(0);
        if ("+-<>/%".indexOf(op) >= 0) {
            t = t.substring(1).strip();
        } else {
            op = '=';
        }
        return new SizeChange(op, bytes(t, text));
    }

    private static long bytes(String t, String original) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(?:([kKmMgGtTpPeE])(iB|B)?|(B))?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + original
                    + "' (a number with an optional unit: 10m, 4K, 1GB; +N, -N, <N, >N, /N, %N change the current size)");
        }
        long n = Long.parseLong(m.group(1));
        if (m.group(2) == null) {
            return n;
        }
        int power = UNITS.indexOf(Character.toUpperCase(m.group(2).charAt(0))) + 1;
        long base = "B".equals(m.group(3)) ? 1000 : 1024;
        long unit = 1;
        for (int i = 0; i < power; i++) {
            unit = Math.multiplyExact(unit, base);
        }
        try {
            return Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size '" + original + "' is too large");
        }
    }

    /** The new length of a file now {@code current} bytes long (never below zero, as coreutils). */
    public long apply(long current) {
        return switch (op) {
            case '+' -> Math.addExact(current, amount);
            case '-' -> Math.max(0, current - amount);
            case '<' -> Math.min(current, amount);
            case '>' -> Math.max(current, amount);
            case '/' -> current / amount * amount;
            case '%' -> Math.addExact(current, amount - 1) / amount * amount;
            default -> amount;
        };
    }
}
