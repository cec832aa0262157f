package dev.canary.internal;

import dev.canary.spi.StateStore;
import dev.canary.testkit.AbstractStateStoreContractTest;

class InMemoryStateStoreTest extends AbstractStateStoreContractTest {
    @Override
    protected StateStore store() {
        return new InMemoryStateStore();
    }
}
