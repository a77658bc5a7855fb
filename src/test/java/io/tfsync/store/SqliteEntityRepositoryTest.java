package io.tfsync.store;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class SqliteEntityRepositoryTest extends EntityRepositoryContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }

    @Override
    public String rowVersion() {
        return "rowid";
    }
}
