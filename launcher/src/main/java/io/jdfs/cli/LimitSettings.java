package io.jdfs.cli;

import io.jdfs.rpc.ServerLimits;

import java.util.List;

/**
 * What a server's port tolerates of a peer ({@link ServerLimits}), as settings of one role: the same six
 * under {@code nameserver.*} and {@code dataserver.*}, each with that role's safe default.
 */
final class LimitSettings {
    final Setting<Long> idle;
    final Setting<Long> dropUnreading;
    final Setting<Long> maxQueued;
    final Setting<Integer> maxInFlight;
    final Setting<Integer> connectionsPerAddress;
    final Setting<Long> maxFrame;

    LimitSettings(String role, ServerLimits d) {
        idle = Setting.of(role + ".idle-timeout", SettingType.DURATION_OR_OFF, millis(d.idleMillis()),
                "Close a connection that has sent and received nothing this long (0: never)");
        dropUnreading = Setting.of(role + ".unread-drop-after", SettingType.DURATION, millis(d.unwritableMillis()),
                "Close a connection whose peer has not read its replies this long");
        maxQueued = Setting.of(role + ".max-queued-replies", SettingType.size(4096, Integer.MAX_VALUE),
                bytes(d.pauseAfterBytes()), "Replies queued for one connection before its requests are no longer read");
        maxInFlight = Setting.of(role + ".max-in-flight", SettingType.integer(1, 1_000_000),
                Integer.toString(d.maxInFlight()), "Requests of one connection served at once; more wait unread");
        connectionsPerAddress = Setting.of(role + ".max-connections-per-address", SettingType.integer(1, 1_000_000),
                Integer.toString(d.maxConnectionsPerAddress()), "Connections open at once from one IP address");
        maxFrame = Setting.of(role + ".max-frame", SettingType.size(ServerLimits.MIN_FRAME_BYTES, ServerLimits.DEFAULT_MAX_FRAME_BYTES),
                bytes(d.maxFrameBytes()), "Largest frame a peer may send; a longer one closes its connection");
    }

    List<Setting<?>> all() {
        return List.of(idle, dropUnreading, maxQueued, maxInFlight, connectionsPerAddress, maxFrame);
    }

    ServerLimits read(Settings s, picocli.CommandLine.Model.CommandSpec command) {
        return new ServerLimits(s.get(idle, command), s.get(dropUnreading, command), s.get(maxInFlight, command),
                s.get(connectionsPerAddress, command), Math.toIntExact(s.get(maxQueued, command)),
                Math.toIntExact(s.get(maxFrame, command)));
    }

    static String millis(long ms) {
        return ms == 0 ? "0" : ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static String bytes(long n) {
        return n % (1 << 20) == 0 ? (n >> 20) + "m" : n % 1024 == 0 ? (n >> 10) + "k" : Long.toString(n);
    }
}
