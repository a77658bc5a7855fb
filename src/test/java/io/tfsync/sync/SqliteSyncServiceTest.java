package io.tfsync.sync;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.util.List;

class SqliteSyncServiceTest extends SyncServiceContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }

    @Override
    protected List<String> plantFailure() {
        return List.of("""
                CREATE TRIGGER explode BEFORE INSERT ON entity_search WHEN NEW.value = 'explode'
                BEGIN SELECT RAISE(ABORT, 'planted failure'); END
                """);
    }

    @Override
    protected List<String> removeFailure() {
        return List.of("DROP TRIGGER IF EXISTS explode");
    }
}
