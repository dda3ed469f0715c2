package io.jdfs.name.replication;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jdfs.common.AtomicFiles;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an operator or a scanner decided about data servers and replicas, kept across name-server
 * restarts in {@code healing-state.json} of the metadata directory: servers being (or done being)
 * decommissioned, and replicas found corrupt. Not namespace state, so not journaled: it changes
 * rarely, is rewritten whole (write, fsync, rename) on each change, and a lost update costs at worst a
 * decommission to repeat or a corrupt replica to find again, never a file.
 */
public final class HealingStateFile {
    private static final Logger LOG = LoggerFactory.getLogger(HealingStateFile.class);
    public static final String NAME = "healing-state.json";

    /** The file's content: admin state by server id, corrupt replicas' servers by block id. */
    public record State(Map<String, DataServerState> adminStates, Map<Long, Set<String>> corrupt) {
        public State {
            adminStates = adminStates == null ? new TreeMap<>() : new TreeMap<>(adminStates);
            TreeMap<Long, Set<String>> c = new TreeMap<>();
            if (corrupt != null) {
                corrupt.forEach((k, v) -> c.put(k, new TreeSet<>(v)));
            }
            corrupt = c;
        }

        static State empty() {
            return new State(Map.of(), Map.of());
        }
    }

    private final Path file;
    private State written;
    /** Admin states by server id, including servers that did not register again yet since a restart. */
    private final Map<String, DataServerState> adminStates;
    /** Servers whose kept admin state was given back at registration: theirs is now the one that counts. */
    private final Set<String> registered = new java.util.HashSet<>();

    private HealingStateFile(Path file, State written) {
        this.file = file;
        this.written = written;
        this.adminStates = new TreeMap<>(written.adminStates());
    }

    /** Reads the file in {@code metaDir}, or starts empty when there is none (a damaged one is set aside). */
    public static HealingStateFile open(Path metaDir) {
        Path file = metaDir.resolve(NAME);
        State s = State.empty();
        if (Files.exists(file)) {
            try {
                s = Json.MAPPER.readValue(file.toFile(), new TypeReference<State>() { });
                LOG.info("{}: {} servers decommissioning or decommissioned, {} blocks with corrupt replicas", file,
                        s.adminStates().size(), s.corrupt().size());
            } catch (IOException e) {
                LOG.error("{} is unreadable ({}); decommissions and corrupt replicas must be given again", file,
                        e.getMessage());
            }
        }
        return new HealingStateFile(file, s);
    }

    public State state() {
        return written;
    }

    /** A server registered for the first time since the start: gives it back its kept admin state; true if it had one. */
    boolean restore(DataServerDescriptor d) {
        registered.add(d.id());
        DataServerState kept = adminStates.get(d.id());
        if (kept == null || d.adminState() != null) {
            return false;
        }
        d.adminState(kept);
        LOG.info("data server {} ({}:{}) is still {} (kept across the name server's restart)", d.id(), d.host(), d.port(),
                kept);
        return true;
    }

    /** Writes the servers' admin states and the corrupt replicas when they changed since the last write. */
    void save(Iterable<DataServerDescriptor> servers, Map<Long, Set<String>> corrupt) {
        for (DataServerDescriptor d : servers) {
            if (!registered.contains(d.id())) {
                continue; // registering right now: its kept state is not given back yet
            }
            if (d.adminState() != null) {
                adminStates.put(d.id(), d.adminState());
            } else {
                adminStates.remove(d.id()); // registered and in service: recommissioned
            }
        }
        save(new State(adminStates, corrupt));
    }

    /** Writes {@code s} when it differs from what is on disk; a failure is logged (the state stays in memory). */
    private void save(State s) {
        if (s.equals(written)) {
            return;
        }
        try {
            byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(s);
            AtomicFiles.write(file, out -> out.write(bytes));
            written = s;
        } catch (IOException e) {
            LOG.error("could not write {}: decommission and corrupt-replica state may not survive a restart: {}",
                    file, e.getMessage());
        }
    }
}
