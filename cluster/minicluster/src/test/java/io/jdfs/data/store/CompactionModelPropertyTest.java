package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real store on disk against a model (block id to bytes): random writes, new generations, deletes,
 * compactions (some stopped after a random step as a crash would, with writes and deletes made from
 * inside the steps) and restarts with or without a last sync. After every operation the store holds
 * exactly the model's replicas with the model's bytes: compaction never loses, revives or mixes up a
 * replica.
 */
class CompactionModelPropertyTest {
    private Path root;

    /** Halts a compaction at a step, as a crash would. */
    static final class Halt extends RuntimeException {
        Halt() {
            super("halted", null, false, false);
        }
    }

    @BeforeProperty
    void small() {
        System.setProperty(BlockStore.CONTAINER_SIZE_PROPERTY, String.valueOf(128 << 10)); // many roll-overs
    }

    @AfterProperty
    void clear() {
        System.clearProperty(BlockStore.CONTAINER_SIZE_PROPERTY);
    }

    @Provide
    Arbitrary<List<Integer>> ops() {
        return Arbitraries.integers().between(0, 99).list().ofMinSize(20).ofMaxSize(100);
    }

    /** The model and the store under test. */
    private final class Run {
        final Map<Long, byte[]> model = new HashMap<>();
        final Set<Long> gone = new HashSet<>();
        final Random rnd;
        BlockStore store;
        long nextId = 1;

        Run(long seed) throws IOException {
            rnd = new Random(seed);
            store = new BlockStore(root, 0);
        }

        long anyLive(int k) {
            List<Long> ids = new ArrayList<>(model.keySet());
            ids.sort(Comparator.naturalOrder());
            return ids.isEmpty() ? -1 : ids.get(k % ids.size());
        }

        void put(long id, long gen) throws IOException {
            byte[] data = new byte[1 + rnd.nextInt(30 << 10)];
            rnd.nextBytes(data);
            store.finalizeSmall(new Block(id, gen, data.length), data, data.length,
                    CompactionStoreFixture.crcs(data));
            model.put(id, data);
        }

        void delete(long id) {
            if (id > 0) {
                assertThat(store.delete(id)).isTrue();
                model.remove(id);
                gone.add(id);
            }
        }

        void newGeneration(long id) throws IOException {
            if (id > 0) {
                put(id, store.get(id).block().generation() + 1);
            }
        }

        /** One mutation from inside a compaction step. */
        void mutate(int k) throws IOException {
            switch (k % 3) {
                case 0 -> put(nextId++, 1);
                case 1 -> delete(anyLive(k));
                default -> newGeneration(anyLive(k));
            }
        }

        void compact(int k) throws Exception {
            ContainerCompactor.Step haltAt = k % 4 == 3 ? null : ContainerCompactor.Step.values()[k % 4];
            ContainerCompactor compactor = new ContainerCompactor(store,
                    CompactionSettings.defaults().withRate(0).withInterval(0).withGrace(0).withGarbageRatio(0.2));
            compactor.hook((step, container) -> {
                try {
                    mutate(k + step.ordinal());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (step == haltAt) {
                    throw new Halt();
                }
            });
            net.jqwik.api.statistics.Statistics.label("containers over the threshold at a compaction")
                    .collect(Math.min(2, store.containerStore().compactable(0.2).size()));
            try {
                compactor.compactAll();
                compactor.close();
            } catch (Halt h) {
                reopen(false); // the process died there
            }
        }

        void reopen(boolean sync) throws IOException {
            if (sync) {
                store.close();
            } else {
                store.closeWithoutSync();
            }
            store = new BlockStore(root, 0);
        }

        void check() throws IOException {
            for (Map.Entry<Long, byte[]> e : model.entrySet()) {
                Replica r = store.get(e.getKey());
                assertThat(r).as("block %d lost", e.getKey()).isNotNull();
                assertThat(CompactionStoreFixture.readReplica(r)).as("bytes of block %d", e.getKey())
                        .isEqualTo(e.getValue());
            }
            for (long id : gone) {
                if (!model.containsKey(id)) {
                    assertThat(store.get(id)).as("deleted block %d came back", id).isNull();
                }
            }
            assertThat(store.replicas()).hasSize(model.size());
        }
    }

    @Property(tries = 40)
    void theStoreAlwaysHoldsExactlyTheModel(@ForAll("ops") List<Integer> ops) throws Exception {
        root = Files.createTempDirectory("jdfs-compaction-model");
        Run run = new Run(ops.hashCode());
        try {
            for (int k : ops) {
                if (k < 35) {
                    run.put(run.nextId++, 1);
                } else if (k < 65) {
                    run.delete(run.anyLive(k));
                } else if (k < 72) {
                    run.newGeneration(run.anyLive(k));
                } else if (k < 92) {
                    run.compact(k);
                } else {
                    run.reopen(k % 2 == 0);
                }
                run.check();
            }
            run.reopen(false);
            run.check();
        } finally {
            run.store.close();
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
