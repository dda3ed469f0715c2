package io.jdfs.webdav.props;

import javax.xml.namespace.QName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Dead properties held in this gateway process only: lost when it stops, not seen by other gateways. */
public final class InMemoryDeadProperties implements DeadProperties {
    private final Map<String, Map<QName, String>> byPath = new ConcurrentHashMap<>();

    @Override
    public Map<QName, String> get(String path) {
        Map<QName, String> m = byPath.get(path);
        if (m == null) {
            return Map.of();
        }
        synchronized (m) {
            return new LinkedHashMap<>(m);
        }
    }

    @Override
    public void set(String path, QName name, String xmlValue) {
        Map<QName, String> m = byPath.computeIfAbsent(path, p -> new LinkedHashMap<>());
        synchronized (m) {
            m.put(name, xmlValue);
        }
    }

    @Override
    public void remove(String path, QName name) {
        Map<QName, String> m = byPath.get(path);
        if (m != null) {
            synchronized (m) {
                m.remove(name);
            }
        }
    }

    @Override
    public void removeTree(String path) {
        byPath.keySet().removeIf(p -> below(p, path));
    }

    @Override
    public void copyTree(String from, String to) {
        List<String> keys = new ArrayList<>(byPath.keySet());
        for (String p : keys) {
            if (below(p, from)) {
                Map<QName, String> props = get(p);
                if (!props.isEmpty()) {
                    String target = to + p.substring(from.length());
                    byPath.put(target, new LinkedHashMap<>(props));
                }
            }
        }
    }

    private static boolean below(String p, String root) {
        return p.equals(root) || root.equals("/") || p.startsWith(root + "/");
    }
}
