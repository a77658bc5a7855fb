package io.tfsync.http;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class SqliteCatalogApiTest extends CatalogApiContract {
    @Override
    TestDatabase database() {
        return TestDatabases.sqlite();
    }
}
