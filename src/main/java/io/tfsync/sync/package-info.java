/**
 * The sync engine: {@link io.tfsync.sync.SyncService} turns a trigger into a queued sync, runs one
 * sync per workspace at a time across every instance (a leased lock row), coalesces triggers that
 * arrive meanwhile into one follow-up, and runs each sync as fetch, parse, map and one transactional
 * replace of the entities the workspace owns, recorded in the sync history.
 */
package io.tfsync.sync;
