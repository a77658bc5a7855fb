package io.tfsync.store;

import io.tfsync.catalog.EntityRepository;
import io.tfsync.testing.SettableClock;
import io.tfsync.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Everything {@link EntityRepository} promises, written once and run on each database by a thin
 * subclass. The behaviour lives in the contract interfaces this class implements, one per area;
 * this class gives them a fresh database per test class, emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EntityRepositoryContract
        implements ApplyContract, ReadContract, FindContract, PagingContract, FacetsContract, EventJsonContract {

    private TestDatabase database;
    private SettableClock clock;
    private EntityRepository repository;

    /** A fresh database for this class; the contract closes it. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void openOnce() {
        database = openDatabase();
    }

    @AfterAll
    void closeOnce() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void startEmpty() {
        database.clear();
        clock = new SettableClock();
        repository = database.store(clock).entityRepository();
    }

    @Override
    public TestDatabase database() {
        return database;
    }

    @Override
    public SettableClock clock() {
        return clock;
    }

    @Override
    public EntityRepository repository() {
        return repository;
    }
}
