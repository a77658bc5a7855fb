package io.tfsync.events;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class PostgresEventRetentionTest extends EventRetentionContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
