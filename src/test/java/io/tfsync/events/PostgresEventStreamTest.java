package io.tfsync.events;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class PostgresEventStreamTest extends EventStreamContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
