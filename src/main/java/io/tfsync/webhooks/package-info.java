/**
 * Webhook receivers' domain: signatures checked over the raw bytes in constant time before anything
 * is parsed ({@link io.tfsync.webhooks.Signatures}), tokens sealed with AES-256-GCM ({@link
 * io.tfsync.webhooks.SecretBox}), Terraform Cloud notification payloads ({@link
 * io.tfsync.webhooks.TfcNotification}), and {@link io.tfsync.webhooks.TfcWebhooks}, which stores each
 * delivery and the sync it asks for in one transaction before the sender is answered.
 */
package io.tfsync.webhooks;
