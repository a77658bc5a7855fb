/**
 * Where Terraform state comes from: one {@link io.tfsync.sources.StateSource} per source type (a local
 * file or folder, Terraform Cloud / Enterprise), each opening a workspace's current state as a stream
 * for the parser, and skipping the download when the state is the version the last sync saw.
 */
package io.tfsync.sources;
