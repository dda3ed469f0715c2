package io.jdfs.data.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** A fresh block store on a temporary directory for every test, closed after it: the store-level tests' set-up. */
public abstract class BlockStoreTestBase {
    @TempDir
    protected Path dir;
    protected BlockStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new BlockStore(dir, 0);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
