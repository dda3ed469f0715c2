package io.jdfs.wire;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Json;
import io.jdfs.protocol.AdminRequest;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.PlatformDependent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole-server fuzzing (issue 14): every message type, with random fields, sent on every role's
 * connection to a real name server and a real data server. A message the role may not send is
 * refused by its type with a clear error; a malformed body gets a protocol error (or a closed
 * connection); the servers serve on after every case; Netty's leak detector runs at PARANOID and
 * any leak it reports fails the run. Then 10,000 garbage connections, with memory figures printed.
 */
class ServerFuzzTest {
    static final String[] ROLES = {Protocol.ROLE_CLIENT, Protocol.ROLE_DATA_SERVER, Protocol.ROLE_NAME_SERVER, "intruder"};
    static final AtomicLong CASES = new AtomicLong();
    static final AtomicLong ROLE_REFUSALS = new AtomicLong();
    static final AtomicLong ANSWERED = new AtomicLong();
    static final AtomicLong PROTOCOL_ERRORS = new AtomicLong();
    static final AtomicLong CLOSED = new AtomicLong();
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;
    static ListAppender<ILoggingEvent> leaks;
    static byte[] known;

    @BeforeContainer
    static void start() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        leaks = new ListAppender<>();
        leaks.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).addAppender(leaks);
        dir = Files.createTempDirectory("jdfs-fuzz");
        cluster = LocalCluster.forTests(dir, 1);
        client = cluster.newClient();
        client.mkdirs("/fz");
        known = new byte[200_000];
        new Random(7).nextBytes(known);
        try (DfsOutputStream out = client.create("/known")) {
            out.write(known);
        }
        try (DfsOutputStream out = client.create("/small")) {
            out.write(known, 0, 4096);
        }
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            // leaks are reported when a tracked buffer was collected and another is tracked: collect, then work
            for (int i = 0; i < 3; i++) {
                System.gc();
                stillServing();
                knownFileReadsBack();
            }
            long leaked = leaks.list.stream().filter(e -> e.getFormattedMessage().contains("LEAK")).count();
            System.out.printf("whole-server fuzzing: %,d cases (%,d refused for the role, %,d answered, %,d protocol"
                    + " errors, %,d closed connections), %d leaks found at PARANOID%n", CASES.get(), ROLE_REFUSALS.get(),
                    ANSWERED.get(), PROTOCOL_ERRORS.get(), CLOSED.get(), leaked);
            leaks.list.stream().limit(3).forEach(e -> System.out.println(e.getFormattedMessage()));
            assertThat(leaked).as("buffers leaked (Netty leak detector at PARANOID)").isZero();
        } finally {
            client.close();
            cluster.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The name server answers and the data server serves a block (a small one: this runs after every case). */
    static void stillServing() throws IOException {
        assertThat(client.stat("/fz").isDirectory()).isTrue();
        try (InputStream in = client.open("/small")) {
            assertThat(in.readAllBytes()).hasSize(4096);
        }
    }

    static void knownFileReadsBack() throws IOException {
        try (InputStream in = client.open("/known")) {
            assertThat(Arrays.equals(in.readAllBytes(), known)).isTrue();
        }
    }

    @Provide
    Arbitrary<Class<? extends Message>> types() {
        return Arbitraries.of(RandomMessages.TYPES);
    }

    @Provide
    Arbitrary<String> roles() {
        return Arbitraries.of(ROLES);
    }

    /** What the name server lets each role send: the rule of {@code RoleCheck}, restated. */
    static boolean allowedOnNameServer(String role, Message m) {
        if (m instanceof ClientRequest) {
            return role.equals(Protocol.ROLE_CLIENT)
                    || (role.equals(Protocol.ROLE_DATA_SERVER) && m instanceof ClientRequest.ReportBadReplica);
        }
        if (m instanceof AdminRequest) {
            return role.equals(Protocol.ROLE_CLIENT);
        }
        if (m instanceof DataServerRequest) {
            return role.equals(Protocol.ROLE_DATA_SERVER);
        }
        return false;
    }

    /** The answer to one message on a fresh connection of {@code role}; null when the server closed it instead. */
    static Message exchange(int port, String role, long requestId, byte[] body) throws IOException {
        try (RawPeer p = new RawPeer(port)) {
            p.handshake(role);
            p.sendFrame((byte) 1, requestId, body);
            try {
                return p.readMessage();
            } catch (EOFException | java.net.SocketException closed) {
                return null;
            }
        }
    }

    static byte[] json(Message m) {
        try {
            return Json.MAPPER.writerFor(Message.class).writeValueAsBytes(m);
        } catch (IOException e) {
            return null;
        }
    }

    @Property(tries = 1000)
    void everyMessageOnEveryRoleToTheNameServer(@ForAll("types") Class<? extends Message> type,
                                                @ForAll("roles") String role, @ForAll long seed) throws Exception {
        Message m = RandomMessages.of(type, seed);
        byte[] body = m == null ? null : json(m);
        Assume.that(body != null);
        checkNameServer(type, role, seed, m, body);
    }

    @Property(tries = 500)
    void everyMessageOnEveryRoleToADataServer(@ForAll("types") Class<? extends Message> type,
                                              @ForAll("roles") String role, @ForAll long seed) throws Exception {
        Message m = RandomMessages.of(type, seed);
        byte[] body = m == null ? null : json(m);
        Assume.that(body != null);
        checkDataServer(type, role, seed, m, body);
    }

    /** Each message type on each role's connection at least once, whatever the random draws cover. */
    @Example
    void everyTypeOnEveryRoleAtLeastOnce() throws Exception {
        int checked = 0;
        for (Class<? extends Message> type : RandomMessages.TYPES) {
            for (String role : ROLES) {
                for (long seed = 0; seed < 20; seed++) {
                    Message m = RandomMessages.of(type, seed);
                    byte[] body = m == null ? null : json(m);
                    if (body != null) {
                        checkNameServer(type, role, seed, m, body);
                        checkDataServer(type, role, seed, m, body);
                        checked++;
                        break;
                    }
                }
            }
        }
        System.out.printf("every message type on every role: %d types x %d roles, %d pairs sent to both servers%n",
                RandomMessages.TYPES.size(), ROLES.length, checked);
        assertThat(checked).isEqualTo(RandomMessages.TYPES.size() * ROLES.length);
    }

    static void checkNameServer(Class<? extends Message> type, String role, long seed, Message m, byte[] body)
            throws Exception {
        CASES.incrementAndGet();
        Message reply = exchange(cluster.nameServer().port(), role, 1 + (seed & 0xffff), body);
        String name = type.getSimpleName();
        if (!allowedOnNameServer(role, m)) {
            assertThat(reply).as("%s on a %s connection", name, role).isInstanceOf(Reply.ErrorReply.class);
            Reply.ErrorReply e = (Reply.ErrorReply) reply;
            assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(e.message()).contains("may not send " + name);
            ROLE_REFUSALS.incrementAndGet();
        } else {
            assertThat(reply).as("%s on a %s connection is answered", name, role).isInstanceOf(Reply.class);
            if (reply instanceof Reply.ErrorReply e) {
                assertThat(e.message()).doesNotContain("may not send");
            }
            ANSWERED.incrementAndGet();
        }
        stillServing();
    }

    static void checkDataServer(Class<? extends Message> type, String role, long seed, Message m, byte[] body)
            throws Exception {
        CASES.incrementAndGet();
        Message reply = exchange(cluster.dataServer(0).port(), role, 1 + (seed & 0xffff), body);
        String name = type.getSimpleName();
        if (m instanceof TransferRequest) {
            // a random token is never a valid one: no block is read or written
            assertThat(reply).as("%s on a %s connection", name, role).isInstanceOf(Reply.ErrorReply.class);
            ANSWERED.incrementAndGet();
        } else {
            assertThat(reply).as("%s on a %s connection", name, role).isInstanceOf(Reply.ErrorReply.class);
            Reply.ErrorReply e = (Reply.ErrorReply) reply;
            assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(e.message()).contains(name);
            ROLE_REFUSALS.incrementAndGet();
        }
        stillServing();
    }

    @Property(tries = 500)
    void malformedBodiesGetAProtocolErrorOrAClose(@ForAll("types") Class<? extends Message> type, @ForAll long seed,
                                                  @ForAll boolean toNameServer) throws Exception {
        Message m = RandomMessages.of(type, seed);
        byte[] body = m == null ? null : json(m);
        Assume.that(body != null);
        CASES.incrementAndGet();
        byte[] bad = mutate(body, new Random(seed));
        int port = toNameServer ? cluster.nameServer().port() : cluster.dataServer(0).port();
        Message reply;
        try {
            reply = exchange(port, Protocol.ROLE_CLIENT, 5, bad);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer and no close within 5 s to a malformed " + type.getSimpleName()
                    + ": " + new String(bad, java.nio.charset.StandardCharsets.UTF_8), e);
        }
        if (reply == null) {
            CLOSED.incrementAndGet();
        } else if (reply instanceof Reply.ErrorReply e && e.code() == ErrorCode.PROTOCOL) {
            PROTOCOL_ERRORS.incrementAndGet();
        } else {
            assertThat(reply).isInstanceOf(Reply.class); // the mutation left a message that parses
            ANSWERED.incrementAndGet();
        }
        stillServing();
    }

    /** Truncated, bytes flipped, a field's value of the wrong type, an unknown type name, or junk around it. */
    static byte[] mutate(byte[] json, Random r) {
        String s = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        switch (r.nextInt(5)) {
            case 0:
                return Arrays.copyOf(json, r.nextInt(Math.max(1, json.length)));
            case 1: {
                byte[] b = json.clone();
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt();
                }
                return b;
            }
            case 2:
                return s.replaceFirst(":(\"[^\"]*\"|-?[0-9]+|true|false|null)", ":{\"x\":[1,2")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case 3:
                return s.replaceFirst("\"@type\":\"[A-Za-z]+\"", "\"@type\":\"NoSuchMessage\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default:
                return ("[" + s + ",").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Example
    void tenThousandGarbageConnectionsLeaveTheServersServing() throws Exception {
        Random r = new Random(10_000);
        long heapBefore = usedHeap();
        long directBefore = directMemory();
        int refused = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            int port = i % 2 == 0 ? cluster.nameServer().port() : cluster.dataServer(0).port();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                byte[] junk = new byte[r.nextInt(300)];
                r.nextBytes(junk);
                if (r.nextBoolean()) {
                    s.getOutputStream().write(Protocol.PREAMBLE); // past the preamble: garbage frames
                }
                s.getOutputStream().write(junk);
                if (r.nextInt(4) == 0) {
                    s.setSoLinger(true, 0); // a reset instead of a close
                }
            } catch (IOException e) {
                refused++; // a connection limit or a reset: garbage either way
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(ServerFuzzTest::stillServing);
        String probe = "/fz/after-garbage";
        try (DfsOutputStream out = client.create(probe, io.jdfs.client.CreateOptions.overwriting())) {
            out.write(known, 0, 1000);
        }
        assertThat(client.stat(probe).length()).isEqualTo(1000);
        long heapAfter = usedHeap();
        long directAfter = directMemory();
        knownFileReadsBack();
        System.out.printf("10,000 garbage connections in %,d ms (%d refused or reset): heap used after GC %,d KiB ->"
                        + " %,d KiB, direct buffers %,d KiB -> %,d KiB; the servers still serve%n", millis, refused,
                heapBefore >> 10, heapAfter >> 10, directBefore >> 10, directAfter >> 10);
    }

    /** Direct memory in use: the JVM's direct buffer pool plus Netty's own (not counted there without a cleaner). */
    private static long directMemory() {
        long pool = 0;
        for (java.lang.management.BufferPoolMXBean b
                : java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                pool = b.getMemoryUsed();
            }
        }
        return pool + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
