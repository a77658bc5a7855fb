import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deltaOf, toDeferred } from './entities';
import type { CatalogEvent, TfsyncEntity } from './client';

function resource(name: string, workspace = 'payments-prod'): TfsyncEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      uid: 'u-' + name,
      etag: 'e-' + name,
      annotations: {
        'terraform.io/workspace': workspace,
        'backstage.io/managed-by-location': `tfsync:workspace/${workspace}`,
        'backstage.io/managed-by-origin-location': `tfsync:workspace/${workspace}`,
      },
    },
    spec: { type: 's3-bucket', owner: 'group:default/team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team' }],
  };
}

test('an entity loses what Backstage makes itself and keeps its source as the location key', () => {
  const deferred = toDeferred(resource('logs'));
  assert.equal(deferred.locationKey, 'tfsync:tfsync:workspace/payments-prod');
  assert.equal('relations' in deferred.entity, false);
  assert.equal('uid' in deferred.entity.metadata, false);
  assert.equal('etag' in deferred.entity.metadata, false);
  assert.deepEqual(deferred.entity.spec, { type: 's3-bucket', owner: 'group:default/team' });
  assert.equal(deferred.entity.metadata.annotations?.['terraform.io/workspace'], 'payments-prod');
});

test("a page of events becomes one delta in which each entity's last event wins", () => {
  const events: CatalogEvent[] = [
    { type: 'added', offset: 1, entityRef: 'resource:default/a', entity: resource('a') },
    { type: 'added', offset: 2, entityRef: 'resource:default/b', entity: resource('b') },
    { type: 'removed', offset: 3, entityRef: 'resource:default/a' },
    { type: 'removed', offset: 4, entityRef: 'resource:default/c' },
    { type: 'added', offset: 5, entityRef: 'resource:default/c', entity: resource('c') },
    { type: 'updated', offset: 6, entityRef: 'resource:default/b', entity: resource('b') },
  ];
  const delta = deltaOf(events);
  assert.deepEqual(delta.removed, [{ entityRef: 'resource:default/a' }]);
  assert.deepEqual(delta.added.map(d => d.entity.metadata.name), ['c', 'b']);
});
