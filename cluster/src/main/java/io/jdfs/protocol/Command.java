package io.jdfs.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/** Work the name server hands to a data server in a heartbeat reply. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
public sealed interface Command {
    record DeleteBlocks(List<Long> blockIds) implements Command {
    }

    record ReplicateBlock(Block block, List<DataServerRef> targets) implements Command {
    }

    /** The name server does not know this server (it restarted): register and report again. */
    record Reregister() implements Command {
    }
}
