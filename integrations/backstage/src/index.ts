/**
 * A Backstage catalog backend module that keeps the entities tfsync makes from Terraform state (and
 * GitHub repositories) in the catalog, by following tfsync's event stream.
 *
 * @packageDocumentation
 */
export { catalogModuleTfsync as default } from './module';
export { TfsyncEntityProvider } from './TfsyncEntityProvider';
export { TfsyncClient, OffsetGoneError } from './client';
export { readSettings } from './settings';
export { toDeferred, deltaOf } from './entities';
