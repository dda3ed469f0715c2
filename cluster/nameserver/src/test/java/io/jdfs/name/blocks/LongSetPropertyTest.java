package io.jdfs.name.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LongSet} behaves as the {@code HashSet<Long>} it replaced, through growth, shrinking, removal shifts and the id 0. */
class LongSetPropertyTest {
    @Property(tries = 300)
    void behavesAsHashSet(@ForAll @Size(max = 5000) List<@IntRange(min = 0, max = 2999) Integer> ops,
                          @ForAll boolean strided) {
        LongSet s = new LongSet();
        Set<Long> model = new HashSet<>();
        for (int op : ops) {
            long v = strided ? (op % 1000) * 65_536L - 300 * 65_536L : op % 1000 - 10; // negatives and 0 too
            switch (op / 1000) {
                case 0 -> assertThat(s.add(v)).isEqualTo(model.add(v));
                case 1 -> assertThat(s.remove(v)).isEqualTo(model.remove(v));
                default -> assertThat(s.contains(v)).isEqualTo(model.contains(v));
            }
            assertThat(s.size()).isEqualTo(model.size());
        }
        assertThat(new HashSet<>(s.toList())).isEqualTo(model);
        assertThat(s.toList()).hasSize(model.size());
    }
}
