package io.jdfs.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;

import java.util.ArrayList;
import java.util.List;

/** The one Jackson mapper for the protocol, with the sealed message types registered by simple name. */
public final class Json {
    public static final ObjectMapper MAPPER = create();

    private Json() {
    }

    private static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        List<NamedType> types = new ArrayList<>();
        for (Class<?> root : List.of(Message.class, Command.class)) {
            addLeaves(root, types);
        }
        m.registerSubtypes(types.toArray(NamedType[]::new));
        return m;
    }

    /** The records under a sealed type, through its sealed sub-interfaces (one per protocol). */
    private static void addLeaves(Class<?> type, List<NamedType> out) {
        for (Class<?> c : type.getPermittedSubclasses()) {
            if (c.isSealed()) {
                addLeaves(c, out);
            } else {
                out.add(new NamedType(c, c.getSimpleName()));
            }
        }
    }
}
