package io.tfsync.store;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class PostgresEntityRepositoryTest extends EntityRepositoryContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    /** ctid moves when a row is replaced, xmin when it is rewritten in place. */
    @Override
    public String rowVersion() {
        return "ctid::text || '/' || xmin::text";
    }
}
