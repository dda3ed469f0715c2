package io.jdfs.name.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IdTable} behaves as the {@code HashMap<Long, ...>} it replaced, through growth, shrinking and removal shifts. */
class IdTablePropertyTest {
    @Property(tries = 300)
    void behavesAsHashMap(@ForAll @Size(max = 5000) List<@IntRange(min = 0, max = 2999) Integer> ops,
                          @ForAll boolean sparseIds) {
        IdTable<BlockInfo> t = new IdTable<>(BlockInfo::id);
        Map<Long, BlockInfo> model = new HashMap<>();
        for (int op : ops) {
            long id = sparseIds ? (op % 1000) * 1_048_576L + 7 : op % 1000; // clustered and strided ids
            switch (op / 1000) {
                case 0 -> {
                    BlockInfo n = new BlockInfo(id, 1, 7, 2);
                    assertThat(t.put(n)).isSameAs(model.put(id, n));
                }
                case 1 -> assertThat(t.remove(id)).isSameAs(model.remove(id));
                default -> assertThat(t.get(id)).isSameAs(model.get(id));
            }
            assertThat(t.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, BlockInfo> e : model.entrySet()) {
            assertThat(t.get(e.getKey())).isSameAs(e.getValue());
        }
        assertThat(new HashSet<>(t.values())).isEqualTo(new HashSet<>(model.values()));
        assertThat(t.values()).hasSize(model.size());
    }
}
