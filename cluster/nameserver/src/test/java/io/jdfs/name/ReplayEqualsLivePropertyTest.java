package io.jdfs.name;

import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.journal.MetadataStore;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.namespace.NamespaceImage;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.safemode.SafeMode;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of namespace operations, with checkpoints at random points: the namespace rebuilt
 * from checkpoint + journal equals the live one.
 */
class ReplayEqualsLivePropertyTest {
    private static final String[] NAMES = {"a", "b", "c"};

    @Property(tries = 200)
    void rebuiltStateEqualsLiveState(@ForAll @Size(min = 1, max = 150) List<@IntRange(min = 0, max = 1_000_000) Integer> ops)
            throws Exception {
        Path dir = Files.createTempDirectory("jdfs-prop");
        try {
            MetadataStore.Loaded loaded = MetadataStore.load(dir);
            Namespace ns = loaded.namespace();
            BlockMap blocks = loaded.blockMap();
            String live;
            try (MetadataStore store = MetadataStore.open(dir, loaded, false)) {
                NameServerConfig config = NameServerConfig.forTests().withDefaults(2, 1 << 20);
                DataServerRegistry servers = new DataServerRegistry(10_000, 20_000, d -> { });
                for (int i = 0; i < 3; i++) {
                    servers.register("ds" + i, "127.0.0.1", 9001 + i, 1L << 40, 0, System.nanoTime());
                }
                NamespaceService svc = new NamespaceService(ns, blocks, servers, new BlockPlacementPolicy(),
                        new LeaseManager(60_000), config, store.journal(), new SafeMode(1, 0, () -> { }),
                        new io.jdfs.name.events.EventLog(), new io.jdfs.name.permission.Permissions(0, -1));
                List<OpenFile> open = new ArrayList<>();
                reopened.clear();
                written.clear();
                closed.clear();
                for (int op : ops) {
                    apply(svc, blocks, open, op);
                    if (op % 17 == 0) {
                        svc.checkpoint(store);
                    }
                }
                svc.durable().join();
                live = NamespaceImage.describe(ns);
            }
            MetadataStore.Loaded back = MetadataStore.load(dir);
            assertThat(NamespaceImage.describe(back.namespace())).isEqualTo(live);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String path(int seed) {
        int depth = 1 + seed % 3;
        StringBuilder sb = new StringBuilder();
        int x = seed / 3;
        for (int i = 0; i < depth; i++) {
            sb.append('/').append(NAMES[x % NAMES.length]);
            x /= NAMES.length;
        }
        return sb.toString();
    }

    private static final List<OpenFile> reopened = new ArrayList<>();
    private static final List<Long> written = new ArrayList<>();
    private static final List<String> closed = new ArrayList<>();

    private static void apply(NamespaceService svc, BlockMap blocks, List<OpenFile> open, int op) throws IOException {
        int kind = op % 17;
        // mostly the superuser; every fifth operation by an ordinary user, refused where POSIX says so
        Caller who = op % 5 == 0 ? USER : Caller.ROOT;
        String p = path(op / 8);
        String q = path(op / 97);
        try {
            switch (kind) {
                case 0 -> svc.mkdirs(who, p, 0755);
                case 1 -> {
                    String writer = "w" + (op % 2);
                    if (op % 3 == 0) {
                        // create with the first block in one call: both records, replayed like the two calls
                        Reply.CreatedReply c = svc.writes().createWithBlock(who, new ClientRequest.CreateWithBlock(p,
                                op % 2 == 0, 2, 1 << 20, 0644, writer));
                        open.add(new OpenFile(c.status(), writer));
                        if (c.block() != null) {
                            blocks.replicaReceived("ds0", new Block(c.block().block().id(), 1, 1000 + op % 1000));
                        }
                    } else {
                        open.add(new OpenFile(svc.writes().create(who, new ClientRequest.Create(p, op % 2 == 0, 2, 1 << 20, 0644, writer)), writer));
                    }
                }
                case 2 -> {
                    if (!open.isEmpty()) {
                        OpenFile o = open.get(op % open.size());
                        FileStatus f = o.status();
                        int index = blocksOf(svc, f);
                        LocatedBlock lb = svc.writes().addBlock(new ClientRequest.AddBlock(f.path(), f.inodeId(),
                                o.writer(), index, List.of()));
                        blocks.replicaReceived("ds0", new Block(lb.block().id(), 1, 1000 + op % 1000));
                    }
                }
                case 3 -> {
                    if (!open.isEmpty()) {
                        OpenFile o = open.remove(op % open.size());
                        FileStatus f = o.status();
                        List<Block> done = new ArrayList<>();
                        var located = svc.reads().blockLocations(Caller.ROOT, f.path(), 0, -1).blocks();
                        for (LocatedBlock b : located) {
                            done.add(b.block());
                        }
                        svc.writes().complete(new ClientRequest.Complete(f.path(), f.inodeId(), o.writer(), done, null,
                                lastWrite(op), lastWriteAge(op)));
                        closed.add(f.path());
                    }
                }
                case 4 -> svc.rename(who, p, q, op % 3 == 0);
                case 5 -> svc.delete(who, p, op % 2 == 0);
                case 6 -> svc.attributes().setTimes(who, p, op * 1000L, -1);
                case 7 -> {
                    if (op % 3 == 0) {
                        svc.exchange(who, p, q);
                    } else {
                        svc.links().link(who, closed.isEmpty() ? p : closed.get(op % closed.size()), q);
                    }
                }
                case 8 -> svc.attributes().setReplication(who, p, 1 + op % 3);
                case 9 -> svc.attributes().setXattr(who, p, "user.k" + op % 3, new byte[]{(byte) op, (byte) (op >> 8)}, op % 3);
                case 10 -> svc.attributes().removeXattr(who, p, "user.k" + op % 3);
                case 11 -> svc.attributes().setOwner(who, p, op % 2 == 0 ? 1000 : -1, 100 + op % 2);
                case 12 -> svc.links().symlink(who, op % 2 == 0 ? q : "../" + NAMES[op % NAMES.length], p);
                case 13 -> svc.links().makeNode(who, p, io.jdfs.protocol.FileType.FIFO, 0644, op % 7);
                case 14 -> {
                    String file = closed.isEmpty() ? p : closed.get(op % closed.size());
                    var r = svc.rewrites().openWrite(who, file, "w2");
                    reopened.add(new OpenFile(r.status(), "w2"));
                }
                case 15 -> {
                    if (!reopened.isEmpty()) {
                        OpenFile o = reopened.get(op % reopened.size());
                        LocatedBlock lb = svc.rewrites().allocateBlock(new ClientRequest.AllocateBlock(o.status().path(),
                                o.status().inodeId(), o.writer(), List.of()));
                        blocks.replicaReceived("ds1", new Block(lb.block().id(), 1, 1 << 20));
                        written.add(lb.block().id());
                    }
                }
                case 16 -> {
                    if (!reopened.isEmpty()) {
                        OpenFile o = reopened.get(op % reopened.size());
                        int count = blocksOf(svc, o.status()) + op % 3;
                        List<io.jdfs.protocol.IndexedBlock> changed = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            boolean replace = i >= blocksOf(svc, o.status()) || (op >> i) % 2 == 0;
                            if (replace) {
                                long len = i == count - 1 ? 1 + op % (1 << 20) : 1 << 20;
                                Long id = written.isEmpty() || (op >> (i + 3)) % 3 == 0 ? null : written.remove(0);
                                changed.add(new io.jdfs.protocol.IndexedBlock(i,
                                        id == null ? Block.hole(len) : new Block(id, 1, len)));
                            }
                        }
                        boolean close = op % 4 == 0;
                        svc.rewrites().commitWrite(new ClientRequest.CommitWrite(o.status().path(), o.status().inodeId(),
                                o.writer(), count, changed, close, lastWrite(op),
                                lastWriteAge(op)));
                        if (close) {
                            reopened.remove(o);
                            closed.add(o.status().path());
                        }
                    }
                }
                default -> svc.attributes().setMode(who, p, op & 0777);
            }
        } catch (IOException | IllegalArgumentException e) {
            // refused operations change nothing; that too is part of what is compared
        }
    }

    /** A writer's wall-clock stamp of its last write: none (an older client), long past, just now, or ahead of the clock. */
    private static long lastWrite(int op) {
        long now = io.jdfs.name.namespace.Clock.nowNanos();
        return switch (op % 4) {
            case 0 -> 0;
            case 1 -> op * 1000L;
            case 2 -> now - op;
            default -> now + 3_600_000_000_000L;
        };
    }

    /** The age of that write: none, a few ns, minutes, absurd, or negative (from a broken writer). */
    private static long lastWriteAge(int op) {
        return switch (op % 5) {
            case 0 -> 0;
            case 1 -> op;
            case 2 -> 300_000_000_000L;
            case 3 -> Long.MAX_VALUE;
            default -> -op;
        };
    }

    private static int blocksOf(NamespaceService svc, FileStatus f) throws IOException {
        return svc.reads().blockLocations(Caller.ROOT, f.path(), 0, -1).blocks().size();
    }

    private static final Caller USER = new Caller("alice", 1000, 100, java.util.List.of(101));

    private record OpenFile(FileStatus status, String writer) {
    }
}
