package io.jdfs.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's last-write time on Complete and CommitWrite: carried, and absent (an older client) reads as 0. */
class LastWriteWireTest {
    @Test
    void lastWriteTimeRoundTrips() throws Exception {
        Message complete = new ClientRequest.Complete("/f", 7, "c", List.of(new Block(1, 1, 3)), null, 123_456_789L);
        Message commit = new ClientRequest.CommitWrite("/f", 7, "c", 1, List.of(), true, 987_654_321L);
        for (Message m : List.of(complete, commit)) {
            assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(m), Message.class)).isEqualTo(m);
        }
    }

    @Test
    void anOlderClientWithoutTheFieldMeansTheCommitTime() throws Exception {
        String complete = Json.MAPPER.writeValueAsString(
                new ClientRequest.Complete("/f", 7, "c", List.of(new Block(1, 1, 3)), null, 5));
        String commit = Json.MAPPER.writeValueAsString(new ClientRequest.CommitWrite("/f", 7, "c", 1, List.of(), true, 5));
        String oldComplete = complete.replace(",\"lastWriteNanos\":5", "");
        String oldCommit = commit.replace(",\"lastWriteNanos\":5", "");
        assertThat(oldComplete).doesNotContain("lastWriteNanos");
        assertThat(oldCommit).doesNotContain("lastWriteNanos");
        assertThat(Json.MAPPER.readValue(oldComplete, Message.class))
                .isEqualTo(new ClientRequest.Complete("/f", 7, "c", List.of(new Block(1, 1, 3)), null));
        assertThat(Json.MAPPER.readValue(oldCommit, Message.class))
                .isEqualTo(new ClientRequest.CommitWrite("/f", 7, "c", 1, List.of(), true));
    }
}
