package io.jdfs.name.namespace;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link InodeTable} behaves as the {@code HashMap<Long, INode>} it replaced, through growth, shrinking and removal shifts. */
class InodeTablePropertyTest {
    @Property(tries = 300)
    void behavesAsHashMap(@ForAll @Size(max = 5000) List<@IntRange(min = 0, max = 2999) Integer> ops,
                          @ForAll boolean sparseIds) {
        InodeTable t = new InodeTable();
        Map<Long, INode> model = new HashMap<>();
        for (int op : ops) {
            long id = sparseIds ? (op % 1000) * 1_048_576L + 7 : op % 1000; // clustered and strided ids
            switch (op / 1000) {
                case 0 -> {
                    INode n = new INodeSymlink(id, "x", 0);
                    assertThat(t.put(n)).isSameAs(model.put(id, n));
                }
                case 1 -> assertThat(t.remove(id)).isSameAs(model.remove(id));
                default -> assertThat(t.get(id)).isSameAs(model.get(id));
            }
            assertThat(t.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, INode> e : model.entrySet()) {
            assertThat(t.get(e.getKey())).isSameAs(e.getValue());
        }
        assertThat(new HashSet<>(t.values())).isEqualTo(new HashSet<>(model.values()));
        assertThat(t.values()).hasSize(model.size());
    }
}
