package io.tfsync.events;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class SqliteEventStreamTest extends EventStreamContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }
}
