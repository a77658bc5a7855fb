package io.tfsync.events;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class SqliteEventRetentionTest extends EventRetentionContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }
}
