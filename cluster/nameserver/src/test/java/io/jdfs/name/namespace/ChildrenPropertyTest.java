package io.jdfs.name.namespace;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Children} behaves as the {@code TreeMap<String, INode>} it replaced: same lookups, same order
 * (String order, also for names beyond ASCII and beyond U+FFFF), same pages after a name, through chunk
 * splits and merges.
 */
class ChildrenPropertyTest {
    /** Few distinct names (so puts replace and removes hit) mixed with non-ASCII ones whose UTF-8 and UTF-16 orders differ. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3000).map(i -> "f" + i),
                Arbitraries.of("é", "\uFB01", "\uD83D\uDE00", "\uFFFD", "a\uD83D\uDE00b", "a\uFB01", "z", "", "a", "a\u0000"));
    }

    @Property(tries = 300)
    void behavesAsTreeMap(@ForAll @Size(max = 3000) List<@IntRange(min = 0, max = 99) Integer> kinds,
                          @ForAll @Size(min = 3000, max = 3000) List<@From("names") String> names) {
        Children c = new Children();
        TreeMap<String, INode> model = new TreeMap<>();
        for (int i = 0; i < kinds.size(); i++) {
            String name = names.get(i);
            int k = kinds.get(i);
            if (k < 60) {
                INode n = k % 3 == 0 ? new INodeDirectory(i + 2, 0755, 0) : new INodeSymlink(i + 2, name, 0);
                assertThat(c.put(name, n)).isSameAs(model.put(name, n));
            } else if (k < 95) {
                assertThat(c.remove(name)).isSameAs(model.remove(name));
            } else {
                assertThat(c.get(name)).isSameAs(model.get(name));
                assertThat(c.countAfter(name)).isEqualTo(model.tailMap(name, false).size());
                assertThat(entries(c.after(name))).isEqualTo(new ArrayList<>(model.tailMap(name, false).entrySet()));
            }
            assertThat(c.size()).isEqualTo(model.size());
        }
        assertThat(c.directories()).isEqualTo(model.values().stream().filter(INode::isDirectory).count());
        assertThat(new ArrayList<>(c.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
        assertThat(new ArrayList<>(c.values())).isEqualTo(new ArrayList<>(model.values()));
        for (String name : model.keySet()) {
            assertThat(c.get(name)).isSameAs(model.get(name));
        }
    }

    @Property(tries = 20)
    void largeDirectoryInAnyInsertOrderThenEmptied(@ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        Children c = new Children();
        TreeMap<String, INode> model = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            String name = "n" + r.nextInt(20_000);
            INode n = new INodeSymlink(i + 2, name, 0);
            c.put(name, n);
            model.put(name, n);
        }
        assertThat(new ArrayList<>(c.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
        List<String> keys = new ArrayList<>(model.keySet());
        java.util.Collections.shuffle(keys, r);
        for (String k : keys) {
            assertThat(c.remove(k)).isSameAs(model.remove(k));
            if (r.nextInt(500) == 0) {
                assertThat(new ArrayList<>(c.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
            }
        }
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.entrySet()).isEmpty();
    }

    @Property
    void comparesAsStrings(@ForAll("names") String a, @ForAll("names") String b) {
        int expected = Integer.signum(a.compareTo(b));
        assertThat(Integer.signum(Children.compare(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    private static List<Map.Entry<String, INode>> entries(Iterable<Map.Entry<String, INode>> it) {
        List<Map.Entry<String, INode>> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}
