package io.jdfs.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's last write on Complete and CommitWrite (its wall-clock time and its age): carried, and
 * absent (an older client) each reads as 0.
 */
class LastWriteWireTest {
    @Test
    void lastWriteTimeAndAgeRoundTrip() throws Exception {
        Message complete = new ClientRequest.Complete("/f", 7, "c", List.of(new Block(1, 1, 3)), null, 123_456_789L, 42L);
        Message commit = new ClientRequest.CommitWrite("/f", 7, "c", 1, List.of(), true, 987_654_321L, 43L);
        for (Message m : List.of(complete, commit)) {
            assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(m), Message.class)).isEqualTo(m);
        }
    }

    @Test
    void anOlderClientWithoutTheFieldsMeansTheCommitTime() throws Exception {
        String complete = Json.MAPPER.writeValueAsString(
                new ClientRequest.Complete("/f", 7, "c", List.of(new Block(1, 1, 3)), null, 5, 6));
        String commit = Json.MAPPER.writeValueAsString(new ClientRequest.CommitWrite("/f", 7, "c", 1, List.of(), true, 5, 6));
        String oldComplete = complete.replace(",\"lastWriteNanos\":5", "").replace(",\"lastWriteAgeNanos\":6", "");
        String oldCommit = commit.replace(",\"lastWriteNanos\":5", "").replace(",\"lastWriteAgeNanos\":6", "");
        assertThat(oldComplete).doesNotContain("lastWrite");
        assertThat(oldCommit).doesNotContain("lastWrite");
        assertThat(Json.MAPPER.readValue(oldComplete, Message.class))
                .isEqualTo(new ClientRequest.Complete("/f", 7, "c", List.of(new Block(1, 1, 3)), null));
        assertThat(Json.MAPPER.readValue(oldCommit, Message.class))
                .isEqualTo(new ClientRequest.CommitWrite("/f", 7, "c", 1, List.of(), true));
    }
}
