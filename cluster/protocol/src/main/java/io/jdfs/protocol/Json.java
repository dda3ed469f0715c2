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
            for (Class<?> c : root.getPermittedSubclasses()) {
                types.add(new NamedType(c, c.getSimpleName()));
            }
        }
        m.registerSubtypes(types.toArray(NamedType[]::new));
        return m;
    }
}
