package io.tfsync.store;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.util.List;

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

    @Override
    public List<String> plantFailure() {
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
    public List<String> removeFailure() {
        return List.of("DROP TRIGGER IF EXISTS explode ON entity_search", "DROP FUNCTION IF EXISTS explode()");
    }
}
