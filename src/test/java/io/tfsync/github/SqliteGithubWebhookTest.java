package io.tfsync.github;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;

class SqliteGithubWebhookTest extends GithubWebhookContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }
}
