package io.jdfs.wire;

import io.jdfs.protocol.Message;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random instances of every message record, built by reflection over the sealed {@link Message}
 * hierarchy so a new message type is fuzzed without anyone listing it: strings, numbers, lists,
 * enums and nested records drawn at random (paths mostly under /fz so the cluster's other files stay).
 */
final class RandomMessages {
    /** Every concrete message type, in a stable order. */
    static final List<Class<? extends Message>> TYPES = types();

    private RandomMessages() {
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Message>> types() {
        List<Class<? extends Message>> out = new ArrayList<>();
        collect(Message.class, out);
        out.sort(java.util.Comparator.comparing(Class::getSimpleName));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Class<?> c, List<Class<? extends Message>> out) {
        if (c.isRecord()) {
            out.add((Class<? extends Message>) c);
        } else if (c.isSealed()) {
            for (Class<?> p : c.getPermittedSubclasses()) {
                collect(p, out);
            }
        }
    }

    /** A message of {@code type} with random fields, or null when its constructor refuses every try. */
    static Message of(Class<? extends Message> type, long seed) {
        Random r = new Random(seed);
        for (int attempt = 0; attempt < 8; attempt++) {
            try {
                return (Message) record(type, r, 0);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a compact constructor refused these values: draw again
            }
        }
        return null;
    }

    private static Object record(Class<?> type, Random r, int depth) throws ReflectiveOperationException {
        RecordComponent[] rc = type.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            args[i] = value(rc[i].getType(), rc[i].getGenericType(), r, depth + 1);
        }
        Constructor<?> ctor = type.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return ctor.newInstance(args);
    }

    private static Object value(Class<?> t, Type generic, Random r, int depth) throws ReflectiveOperationException {
        if (t == int.class || t == Integer.class) {
            return switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(16);
                case 2 -> -1 - r.nextInt(100);
                default -> r.nextInt();
            };
        }
        if (t == long.class || t == Long.class) {
            return switch (r.nextInt(4)) {
                case 0 -> 0L;
                case 1 -> (long) r.nextInt(1 << 20);
                case 2 -> Long.MIN_VALUE + r.nextInt(10);
                default -> r.nextLong();
            };
        }
        if (t == boolean.class || t == Boolean.class) {
            return r.nextBoolean();
        }
        if (t == short.class || t == Short.class) {
            return (short) r.nextInt();
        }
        if (t == byte.class || t == Byte.class) {
            return (byte) r.nextInt();
        }
        if (t == double.class || t == Double.class) {
            return r.nextDouble() * 1e6;
        }
        if (t == String.class) {
            return string(r);
        }
        if (t == byte[].class) {
            byte[] b = new byte[r.nextInt(65)];
            r.nextBytes(b);
            return b;
        }
        if (depth > 4 && !t.isPrimitive()) {
            return null;
        }
        if (t.isEnum()) {
            Object[] c = t.getEnumConstants();
            return r.nextInt(8) == 0 ? null : c[r.nextInt(c.length)];
        }
        if (List.class.isAssignableFrom(t) || java.util.Collection.class.isAssignableFrom(t)) {
            Type e = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            int n = r.nextInt(4);
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(value(raw(e), e, r, depth + 1));
            }
            l.removeIf(java.util.Objects::isNull);
            return java.util.Set.class.isAssignableFrom(t) ? new java.util.HashSet<>(l) : l;
        }
        if (java.util.Map.class.isAssignableFrom(t)) {
            return java.util.SortedMap.class.isAssignableFrom(t) ? new TreeMap<>() : new HashMap<>();
        }
        if (t.isRecord()) {
            return record(t, r, depth);
        }
        if (t.isSealed()) {
            Class<?>[] p = t.getPermittedSubclasses();
            Class<?> pick = p[r.nextInt(p.length)];
            return pick.isRecord() ? record(pick, r, depth) : null;
        }
        return null;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** Paths under /fz, odd paths, odd text; never "enter"/"leave" (safe mode) nor "/" alone (the root). */
    private static String string(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "/fz/" + word(r) + (r.nextBoolean() ? "/" + word(r) : "");
            case 3 -> "/fz/../" + word(r);
            case 4 -> "\u0000\uFFFF" + word(r) + "\uD800";
            case 5 -> "DS-" + word(r);
            default -> word(r).repeat(1 + r.nextInt(3));
        };
    }

    private static String word(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return b.toString();
    }
}
