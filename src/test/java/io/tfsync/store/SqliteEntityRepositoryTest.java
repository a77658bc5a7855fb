package io.tfsync.store;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class SqliteEntityRepositoryTest extends EntityRepositoryContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }

    /**
     * The search rows and relations are clustered tables without a rowid, so a row's version is the
     * number of rows this connection has ever written: the pool's one connection makes every write,
     * and any write between two snapshots changes it.
     */
    @Override
    public String rowVersion() {
        return "total_changes()";
    }
}
