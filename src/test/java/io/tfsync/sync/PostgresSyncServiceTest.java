package io.tfsync.sync;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.util.List;

class PostgresSyncServiceTest extends SyncServiceContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected List<String> plantFailure() {
        return List.of(
                """
                CREATE FUNCTION explode() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.value = 'explode' THEN RAISE EXCEPTION 'planted failure'; END IF;
                    RETURN NEW;
                END $$
                """, "CREATE TRIGGER explode BEFORE INSERT ON entity_search FOR EACH ROW EXECUTE FUNCTION explode()");
    }

    @Override
    protected List<String> removeFailure() {
        return List.of("DROP TRIGGER IF EXISTS explode ON entity_search", "DROP FUNCTION IF EXISTS explode()");
    }
}
