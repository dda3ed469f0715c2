package io.jdfs.shell.commands;

import io.jdfs.common.Sizes;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DataServerState;
import io.jdfs.shell.ops.Format;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

@Command(name = "servers", description = "The data servers: address, state, space, blocks, last heartbeat.")
public final class Servers extends Base {
    @Override
    protected void run() throws IOException {
        List<DataServerInfo> all = client().clusterStatus().servers().stream()
                .sorted(Comparator.comparing(DataServerInfo::address)).toList();
        int idWidth = Math.max(2, all.stream().mapToInt(d -> d.id().length()).max().orElse(2));
        int addrWidth = Math.max(7, all.stream().mapToInt(d -> d.address().length()).max().orElse(7));
        String fmt = "%-" + addrWidth + "s  %-15s %10s %10s %10s %6s %7s %6s  %-" + idWidth + "s%n";
        out().printf(fmt, "ADDRESS", "STATE", "CAPACITY", "USED", "FREE", "USE%", "BLOCKS", "SEEN", "ID");
        for (DataServerInfo d : all) {
            String state = String.format("%-15s", d.state());
            out().printf(fmt, d.address(), s.styled(state, style(d.state())), Sizes.human(d.capacity()),
                    Sizes.human(d.used()), Sizes.human(d.remaining()), Format.percent(d.used(), d.capacity()),
                    d.blocks(), String.format("%.1fs", d.lastHeartbeatMillisAgo() / 1000.0), d.id());
        }
        long fileSystems = all.stream().map(d -> d.fileSystem() == null ? d.id() : d.fileSystem()).distinct().count();
        out().printf("%d servers, %d live, on %d file system%s (a shared one's free space counts once in df)%n",
                all.size(), all.stream().filter(d -> d.state() == DataServerState.LIVE).count(), fileSystems,
                fileSystems == 1 ? "" : "s");
    }

    private static AttributedStyle style(DataServerState state) {
        return switch (state) {
            case LIVE -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            case STALE, DECOMMISSIONING -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            default -> AttributedStyle.BOLD.foreground(AttributedStyle.RED);
        };
    }
}
