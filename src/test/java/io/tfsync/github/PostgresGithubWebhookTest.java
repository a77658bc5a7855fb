package io.tfsync.github;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class PostgresGithubWebhookTest extends GithubWebhookContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }
}
