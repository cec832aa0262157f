package dev.canary.layersamples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A public type that takes Jackson mappers (inside a generic type, to show those count too). */
public final class ExposesJackson {
    public int count(List<ObjectMapper> mappers) {
        return mappers.size();
    }
}
