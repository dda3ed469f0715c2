package io.jdfs.name;

import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A close that names the servers whose pipeline acknowledged its last block completes at once, those
 * servers becoming the block's replicas before they report it; only live servers of the block's own
 * pipeline are believed, and with none the close waits for a report as before.
 */
class PipelineAcknowledgedCloseTest {
    private NamespaceServiceFixture fixture;
    private BlockMap blocks;
    private DataServerRegistry servers;
    private NamespaceService svc;

    @BeforeEach
    void start() throws Exception {
        fixture = new NamespaceServiceFixture("ack-close", 4, 60_000);
        blocks = fixture.blocks;
        servers = fixture.servers;
        svc = fixture.svc;
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private Reply.CreatedReply create(String path) throws Exception {
        return svc.writes().createWithBlock(Caller.ROOT, new ClientRequest.CreateWithBlock(path, false, 2, 1 << 20, 0644, "w"));
    }

    private static List<String> ids(List<DataServerRef> refs) {
        return refs.stream().map(DataServerRef::id).toList();
    }

    @Test
    void theAcknowledgedPipelineStandsForTheReports() throws Exception {
        Reply.CreatedReply c = create("/f");
        List<String> pipeline = ids(c.block().locations());
        Block written = new Block(c.block().block().id(), c.block().block().generation(), 4096);
        boolean closed = svc.writes().complete(new ClientRequest.Complete("/f", c.status().inodeId(), "w", List.of(written),
                List.of(pipeline)));
        assertThat(closed).isTrue();
        assertThat(blocks.get(written.id()).replicas()).containsExactlyInAnyOrderElementsOf(pipeline);
        assertThat(blocks.get(written.id()).length()).isEqualTo(4096);
        // the reports that follow confirm what is there already
        for (String id : pipeline) {
            assertThat(blocks.replicaReceived(id, written)).isTrue();
        }
        assertThat(blocks.get(written.id()).replicaCount()).isEqualTo(pipeline.size());
    }

    @Test
    void onlyServersOfTheBlocksPipelineAreBelieved() throws Exception {
        Reply.CreatedReply c = create("/g");
        List<String> pipeline = ids(c.block().locations());
        String stranger = List.of("ds0", "ds1", "ds2", "ds3").stream().filter(s -> !pipeline.contains(s)).findFirst()
                .orElseThrow();
        Block written = new Block(c.block().block().id(), c.block().block().generation(), 100);
        ClientRequest.Complete claim = new ClientRequest.Complete("/g", c.status().inodeId(), "w", List.of(written),
                List.of(List.of(stranger, "no-such-server")));
        assertThat(svc.writes().complete(claim)).isFalse(); // waits for a report
        assertThat(svc.writes().complete(new ClientRequest.Complete("/g", c.status().inodeId(), "w", List.of(written))))
                .isFalse();
        assertThat(blocks.get(written.id()).replicaCount()).isZero();
        blocks.replicaReceived(pipeline.get(0), written); // a report: the close goes through as before
        assertThat(svc.writes().complete(claim)).isTrue();
        assertThat(blocks.get(written.id()).replicas()).containsExactly(pipeline.get(0));
    }
}
