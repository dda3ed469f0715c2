package io.jdfs.webdav;

import io.jdfs.webdav.lock.DavLock;
import io.jdfs.webdav.lock.IfHeader;
import io.jdfs.webdav.lock.LockManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts: paths, ranges, the If header and the lock table. */
class ParsersTest {
    @Test
    void pathsDecodeAndRefuseTraversal() throws Exception {
        assertThat(DavPath.fromRawUri("/a%20b/c+d/%C3%BC")).isEqualTo("/a b/c+d/ü");
        assertThat(DavPath.fromRawUri("/a//b/./c/")).isEqualTo("/a/b/c");
        assertThat(DavPath.fromRawUri("/per%25cent")).isEqualTo("/per%cent");
        for (String bad : List.of("/a/../b", "/a/%2e%2e/b", "/a/%2E%2E", "/a%5Cb", "/a%2Fb", "/a%00", "/a%zz", "/a%2")) {
            assertThatThrownBy(() -> DavPath.fromRawUri(bad)).as(bad).isInstanceOf(DavPath.BadPathException.class);
        }
        assertThat(DavPath.fromDestination("http://h:1/x%20y/", "h:1")).isEqualTo("/x y");
        assertThatThrownBy(() -> DavPath.fromDestination("http://other/x", "h:1")).isInstanceOf(DavPath.BadPathException.class);
        assertThat(DavPath.encode("/a b/ü#?%+")).isEqualTo("/a%20b/%C3%BC%23%3F%25%2B");
    }

    @Test
    void ranges() {
        assertThat(Ranges.parse("bytes=0-0", 10)).containsExactly(new Ranges.Span(0, 0));
        assertThat(Ranges.parse("bytes=-4", 10)).containsExactly(new Ranges.Span(6, 9));
        assertThat(Ranges.parse("bytes=-40", 10)).containsExactly(new Ranges.Span(0, 9));
        assertThat(Ranges.parse("bytes=5-", 10)).containsExactly(new Ranges.Span(5, 9));
        assertThat(Ranges.parse("bytes=8-20", 10)).containsExactly(new Ranges.Span(8, 9));
        assertThat(Ranges.parse("bytes=0-1, 4-5", 10)).containsExactly(new Ranges.Span(0, 1), new Ranges.Span(4, 5));
        assertThat(Ranges.parse("bytes=10-", 10)).isEmpty();
        assertThat(Ranges.parse("bytes=-0", 10)).isEmpty();
        assertThat(Ranges.parse("bytes=5-2", 10)).isNull();
        assertThat(Ranges.parse("items=0-1", 10)).isNull();
        assertThat(Ranges.parse("bytes=a-b", 10)).isNull();
    }

    @Test
    void ifHeaderGrammarAndEvaluation() throws Exception {
        IfHeader h = IfHeader.parse("<http://h/a> (<opaquelocktoken:1> [\"e1\"]) (Not <DAV:no-lock>) </b> ([W/\"e2\"])");
        assertThat(h.lists()).hasSize(3);
        assertThat(h.lists().get(0).resource()).isEqualTo("http://h/a");
        assertThat(h.lists().get(2).resource()).isEqualTo("/b");
        assertThat(h.submittedTokens()).containsExactly("opaquelocktoken:1");
        IfHeader.ResourceState none = new IfHeader.ResourceState() {
            public String etag(String tag) {
                return null;
            }

            public boolean lockedWith(String tag, String token) {
                return false;
            }
        };
        // the second list, (Not <DAV:no-lock>), holds for any resource
        assertThat(h.evaluate("/x", none)).isTrue();
        IfHeader etagOnly = IfHeader.parse("([\"e1\"])");
        assertThat(etagOnly.evaluate("/x", none)).isFalse();
        assertThat(etagOnly.evaluate("/x", new IfHeader.ResourceState() {
            public String etag(String tag) {
                return "\"e1\"";
            }

            public boolean lockedWith(String tag, String token) {
                return false;
            }
        })).isTrue();
        for (String bad : List.of("", "(", "(<a>", "([x)", "x", "()", "<a>")) {
            assertThatThrownBy(() -> IfHeader.parse(bad)).as(bad).isInstanceOf(IfHeader.ParseException.class);
        }
    }

    @Test
    void lockTableConflictsCoverageAndExpiry() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        LockManager m = new LockManager(now::get);
        DavLock coll = m.lock("/c", true, true, null, "alice", 60);
        assertThat(m.covering("/c/deep/file")).containsExactly(coll);
        assertThatThrownBy(() -> m.lock("/c/deep/file", false, false, null, "bob", 60))
                .isInstanceOf(LockManager.ConflictException.class);
        assertThatThrownBy(() -> m.lock("/", true, false, null, "bob", 60)).isInstanceOf(LockManager.ConflictException.class);
        DavLock other = m.lock("/d", false, false, null, "bob", 60);
        DavLock shared = m.lock("/d", false, false, null, "carol", 60);
        assertThat(m.covering("/d")).containsExactlyInAnyOrder(other, shared);
        assertThat(m.covering("/d/x")).isEmpty();
        assertThat(m.unlock(coll.token(), "/elsewhere")).isFalse();
        assertThat(m.refresh(coll.token(), "/c/x", 120).secondsLeft(now.get())).isEqualTo(120);
        now.addAndGet(121_000);
        assertThat(m.covering("/c")).isEmpty();
        assertThat(m.below("/")).isEmpty();
        DavLock infinite = m.lock("/e", false, true, null, null, -1);
        assertThat(infinite.timeoutSeconds()).isEqualTo(LockManager.MAX_TIMEOUT_SECONDS);
        m.removeTree("/");
        assertThat(m.size()).isZero();
    }
}
