/**
 * The web room: routes for the Backstage-compatible catalog API, operations endpoints and the status
 * page, on Javalin. Entry point: {@link io.tfsync.http.HttpServer#start}. Handlers parse and validate
 * input ({@code CatalogParams}, {@code Cursors}, {@code RequestBodies}), call one method of a domain
 * room and write the answer; every failure becomes Backstage's error shape in {@code ErrorResponses}.
 * Who may see what is decided once per request by {@code Authenticator}, and the caller's tenant scope
 * goes into every query.
 *
 * <p>No SQL and no business rules live here.
 */
package io.tfsync.http;
