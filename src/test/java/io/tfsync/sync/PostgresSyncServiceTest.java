package io.tfsync.sync;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class PostgresSyncServiceTest extends SyncServiceContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
