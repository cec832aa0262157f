package dev.canary.internal;

import dev.canary.spi.AbstractStateStoreContractTest;
import dev.canary.spi.StateStore;

class InMemoryStateStoreTest extends AbstractStateStoreContractTest {
    @Override
    protected StateStore store() {
        return new InMemoryStateStore();
    }
}
