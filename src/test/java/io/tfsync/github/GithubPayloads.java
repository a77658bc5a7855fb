package io.tfsync.github;

import java.util.List;
import java.util.stream.Collectors;

/**
 * GitHub webhook payloads and REST answers shaped as GitHub's documentation shows them ("Webhook events
 * and payloads": push, repository, ping; "REST API: Get a repository"), trimmed of fields tfsync never
 * reads but keeping their structure.
 */
final class GithubPayloads {

    static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    static final String SHA2 = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

    private GithubPayloads() {}

    static String repository(
            String fullName, String description, List<String> topics, boolean archived, String homepage) {
        String name = fullName.substring(fullName.indexOf('/') + 1);
        String owner = fullName.substring(0, fullName.indexOf('/'));
        return """
                {
                  "id": 1296269,
                  "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
                  "name": "%s",
                  "full_name": "%s",
                  "private": false,
                  "owner": {"login": "%s", "id": 1, "type": "Organization", "site_admin": false},
                  "html_url": "https://github.com/%s",
                  "description": %s,
                  "fork": false,
                  "url": "https://api.github.com/repos/%s",
                  "homepage": %s,
                  "topics": [%s],
                  "default_branch": "main",
                  "archived": %s,
                  "disabled": false,
                  "visibility": "public",
                  "pushed_at": "2011-01-26T19:06:43Z",
                  "created_at": "2011-01-26T19:01:12Z",
                  "updated_at": "2011-01-26T19:14:43Z"
                }
                """.formatted(
                        name,
                        fullName,
                        owner,
                        fullName,
                        description == null ? "null" : "\"" + description + "\"",
                        fullName,
                        homepage == null ? "null" : "\"" + homepage + "\"",
                        topics.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", ")),
                        archived);
    }

    static String repository(String fullName) {
        return repository(fullName, "Payments infrastructure", List.of("payments", "terraform"), false, null);
    }

    static String push(String repository, String ref, String after, List<String> modified) {
        String files = modified.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "));
        return """
                {
                  "ref": "%s",
                  "before": "0000000000000000000000000000000000000000",
                  "after": "%s",
                  "repository": %s,
                  "pusher": {"name": "octocat", "email": "octocat@github.com"},
                  "sender": {"login": "octocat", "id": 583231, "type": "User"},
                  "created": false,
                  "deleted": false,
                  "forced": false,
                  "base_ref": null,
                  "compare": "https://github.com/%s/compare/000000000000...%s",
                  "commits": [
                    {
                      "id": "%s",
                      "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433",
                      "distinct": true,
                      "message": "Update the catalog descriptor",
                      "timestamp": "2015-05-05T19:40:15-04:00",
                      "url": "https://github.com/%s/commit/%s",
                      "author": {"name": "Mona Lisa Octocat", "email": "octocat@github.com", "username": "octocat"},
                      "committer": {"name": "GitHub", "email": "noreply@github.com", "username": "web-flow"},
                      "added": [],
                      "removed": [],
                      "modified": [%s]
                    }
                  ],
                  "head_commit": null
                }
                """.formatted(ref, after, repository(repository), repository, after, after, repository, after, files);
    }

    static String repositoryEvent(String action, String repositoryJson, String changes) {
        return """
                {
                  "action": "%s",
                  %s
                  "repository": %s,
                  "sender": {"login": "octocat", "id": 583231, "type": "User"}
                }
                """.formatted(action, changes == null ? "" : "\"changes\": " + changes + ",", repositoryJson);
    }

    static String ping(String repository) {
        return """
                {
                  "zen": "Responsive is better than fast.",
                  "hook_id": 109948940,
                  "hook": {"type": "Repository", "id": 109948940, "name": "web", "active": true,
                           "events": ["push", "repository"],
                           "config": {"content_type": "json", "insecure_ssl": "0",
                                      "url": "https://tfsync.example.com/api/sync/github-webhook"}},
                  "repository": %s,
                  "sender": {"login": "octocat", "id": 583231, "type": "User"}
                }
                """.formatted(repository(repository));
    }
}
