package io.tfsync.store;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.util.List;

class SqliteEntityRepositoryTest extends EntityRepositoryContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }

    @Override
    public String rowVersion() {
        return "rowid";
    }

    @Override
    public List<String> plantFailure() {
        return List.of("""
                CREATE TRIGGER explode BEFORE INSERT ON entity_search WHEN NEW.value = 'explode'
                BEGIN SELECT RAISE(ABORT, 'planted failure'); END
                """);
    }

    @Override
    public List<String> removeFailure() {
        return List.of("DROP TRIGGER IF EXISTS explode");
    }
}
