package io.jdfs.cli;

import io.jdfs.common.Sizes;
import picocli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The type of a {@link Setting}: how its text becomes a value, what a user should give instead of a bad
 * value, its unit and its label in help. It is also the picocli converter of the setting's flag, so a
 * flag, an environment variable and a config file line are read by the same code.
 *
 * @param expected what a valid value looks like, for error messages ("a size such as 64k, 4m or 10g")
 * @param unit     what the value is counted in (bytes, milliseconds), or "" when it has no unit
 */
public record SettingType<T>(Class<T> javaType, String label, String expected, String unit, Function<String, T> parser)
        implements CommandLine.ITypeConverter<T> {

    public static final SettingType<String> TEXT = new SettingType<>(String.class, "TEXT", "some text", "", s -> s);
    public static final SettingType<Path> PATH = new SettingType<>(Path.class, "PATH", "a local path", "", Path::of);
    public static final SettingType<Integer> PORT = integer(0, 65535).labelled("PORT");
    public static final SettingType<Long> SIZE = size(0, Long.MAX_VALUE);
    public static final SettingType<Long> DURATION = duration(1);
    /** A duration where 0 turns the thing off. */
    public static final SettingType<Long> DURATION_OR_OFF = duration(0);
    public static final SettingType<Double> SECONDS = new SettingType<>(Double.class, "SECONDS",
            "seconds, e.g. 1 or 0.5", "seconds", s -> {
                double d = Double.parseDouble(s);
                if (!(d >= 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException();
                }
                return d;
            });

    public static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>(Integer.class, "N", "a number from " + min + " to " + max, "", s -> {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException();
            }
            return n;
        });
    }

    /** Bytes, written 4096, 64k, 4m, 10g. */
    public static SettingType<Long> size(long min, long max) {
        String range = min == 0 && max == Long.MAX_VALUE ? "" : " from " + min + " to " + max + " bytes";
        return new SettingType<>(Long.class, "SIZE", "a size" + range + " such as 4096, 64k, 4m or 10g", "bytes", s -> {
            long n = Sizes.parseBytes(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException();
            }
            return n;
        });
    }

    /** Milliseconds, written 500ms, 3s, 1m. */
    public static SettingType<Long> duration(long minMillis) {
        return new SettingType<>(Long.class, "DURATION", "a duration such as 500ms, 3s or 1m"
                + (minMillis == 0 ? " (0: off)" : ""), "milliseconds", s -> {
            long n = Sizes.parseMillis(s);
            if (n < minMillis) {
                throw new IllegalArgumentException();
            }
            return n;
        });
    }

    /** One of a few words. */
    public static SettingType<String> choice(String... words) {
        List<String> all = List.of(words);
        return new SettingType<>(String.class, String.join("|", words), "one of " + String.join(", ", words), "", s -> {
            if (!all.contains(s)) {
                throw new IllegalArgumentException();
            }
            return s;
        });
    }

    public SettingType<T> labelled(String newLabel) {
        return new SettingType<>(javaType, newLabel, expected, unit, parser);
    }

    /** The value of {@code text}; {@link IllegalArgumentException} when it is not one of this type. */
    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (InvalidPathException | ArithmeticException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** As picocli's converter of the flag: a bad flag is a usage error that names the flag. */
    @Override
    public T convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + expected());
        }
    }
}
