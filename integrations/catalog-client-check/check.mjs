// Drives a running tfsync with Backstage's real catalog client and fails (exit 1) on any mismatch.
// The Java test seeds the catalog first; the seed rules are repeated in `expected` below:
//   resources res-0000 .. res-(N-1): spec.type "database" when i % 10 == 0, else "storage";
//   owner group:default/team-a when i is even, else group:default/team-b; tag "tier-<i % 3>";
//   plus groups team-a and team-b.
import { CatalogClient } from '@backstage/catalog-client';
import assert from 'node:assert/strict';

const baseUrl = process.argv[2];
const resources = Number(process.argv[3] ?? 1000);
if (!baseUrl) {
  console.error('usage: node check.mjs <tfsync base url> [resource count]');
  process.exit(2);
}

const catalog = new CatalogClient({
  discoveryApi: { getBaseUrl: async () => `${baseUrl}/api/catalog` },
  fetchApi: { fetch: globalThis.fetch },
});

const name = i => `res-${String(i).padStart(4, '0')}`;
const databases = Array.from({ length: resources }, (_, i) => i).filter(i => i % 10 === 0).length;
const checks = [];
const check = (title, fn) => checks.push({ title, fn });

check('a filter set is an AND of its conditions', async () => {
  const { items } = await catalog.getEntities({ filter: { kind: 'resource', 'spec.type': 'database' } });
  assert.equal(items.length, databases);
  for (const e of items) assert.equal(e.spec.type, 'database');
});

check('repeated filters are an OR', async () => {
  const { items } = await catalog.getEntities({
    filter: [{ kind: 'group' }, { kind: 'resource', 'spec.type': 'database' }],
  });
  assert.equal(items.length, databases + 2);
});

check('metadata.name matches case-insensitively', async () => {
  const { items } = await catalog.getEntities({ filter: { 'metadata.name': name(1).toUpperCase() } });
  assert.deepEqual(items.map(e => e.metadata.name), [name(1)]);
});

check('values in one key are alternatives', async () => {
  const { items } = await catalog.getEntities({ filter: { 'metadata.name': [name(1), name(2)] } });
  assert.deepEqual(items.map(e => e.metadata.name).sort(), [name(1), name(2)]);
});

check('existence filters and relations filters work', async () => {
  const { items } = await catalog.getEntities({
    filter: { kind: 'resource', 'relations.ownedBy': 'group:default/team-a', 'metadata.tags.tier-0': 'true' },
  });
  const expected = Array.from({ length: resources }, (_, i) => i).filter(i => i % 2 === 0 && i % 3 === 0).length;
  assert.equal(items.length, expected);
});

check('fields keep only the asked paths', async () => {
  const { items } = await catalog.getEntities({ filter: { kind: 'group' }, fields: ['kind', 'metadata.name'] });
  assert.equal(items.length, 2);
  for (const e of items) assert.deepEqual(Object.keys(e).sort(), ['kind', 'metadata']);
  for (const e of items) assert.deepEqual(Object.keys(e.metadata), ['name']);
});

check('getEntities pages with limit and order', async () => {
  const { items } = await catalog.getEntities({
    filter: { kind: 'resource' },
    order: { field: 'metadata.name', order: 'desc' },
    limit: 3,
  });
  assert.deepEqual(items.map(e => e.metadata.name), [name(resources - 1), name(resources - 2), name(resources - 3)]);
});

check('queryEntities cursors page through everything once', async () => {
  const seen = new Set();
  let response = await catalog.queryEntities({
    filter: { kind: 'resource' },
    orderFields: { field: 'metadata.name', order: 'asc' },
    limit: 97,
  });
  assert.equal(response.totalItems, resources);
  const pages = [response];
  while (true) {
    for (const e of response.items) {
      assert.ok(!seen.has(e.metadata.uid), `repeated ${e.metadata.name}`);
      seen.add(e.metadata.uid);
    }
    if (!response.pageInfo.nextCursor) break;
    response = await catalog.queryEntities({ cursor: response.pageInfo.nextCursor, limit: 97 });
    pages.push(response);
  }
  assert.equal(seen.size, resources);
  // one step back from the last page gives the page before it again
  const last = pages[pages.length - 1];
  assert.ok(last.pageInfo.prevCursor, 'the last page has a prevCursor');
  const back = await catalog.queryEntities({ cursor: last.pageInfo.prevCursor, limit: 97 });
  assert.deepEqual(
    back.items.map(e => e.metadata.name),
    pages[pages.length - 2].items.map(e => e.metadata.name),
  );
});

check('streamEntities yields every entity', async () => {
  let count = 0;
  for await (const page of catalog.streamEntities({ filter: { kind: 'resource' }, pageSize: 250 })) {
    count += page.length;
  }
  assert.equal(count, resources);
});

check('full text filter finds by substring', async () => {
  const response = await catalog.queryEntities({
    fullTextFilter: { term: name(7).toUpperCase(), fields: ['metadata.name'] },
    limit: 5,
  });
  assert.deepEqual(response.items.map(e => e.metadata.name), [name(7)]);
});

check('getEntitiesByRefs keeps request order with unknown refs empty', async () => {
  const { items } = await catalog.getEntitiesByRefs({
    entityRefs: [`resource:default/${name(5)}`, 'resource:default/does-not-exist', `resource:default/${name(1)}`],
  });
  assert.equal(items.length, 3);
  assert.equal(items[0].metadata.name, name(5));
  assert.equal(items[1], undefined);
  assert.equal(items[2].metadata.name, name(1));
});

check('getEntityByRef finds one entity with uid, etag and relations', async () => {
  const e = await catalog.getEntityByRef(`resource:default/${name(3)}`);
  assert.equal(e.metadata.name, name(3));
  assert.ok(e.metadata.uid && e.metadata.etag);
  assert.ok(e.relations.some(r => r.type === 'ownedBy' && r.targetRef === 'group:default/team-b'));
  assert.equal(await catalog.getEntityByRef('resource:default/does-not-exist'), undefined);
});

check('getEntityFacets counts values', async () => {
  const { facets } = await catalog.getEntityFacets({ facets: ['spec.type'], filter: { kind: 'resource' } });
  const counts = Object.fromEntries(facets['spec.type'].map(f => [f.value, f.count]));
  assert.deepEqual(counts, { database: databases, storage: resources - databases });
});

check('a bad parameter is a ResponseError naming it', async () => {
  await assert.rejects(
    catalog.getEntities({ fields: ['nonsense.field'] }),
    err =>
      err.name === 'ResponseError' &&
      err.response.status === 400 &&
      err.cause?.name === 'InputError' &&
      /fields/.test(err.cause?.message),
  );
});

let failed = 0;
for (const { title, fn } of checks) {
  try {
    await fn();
    console.log(`ok - ${title}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${title}\n  ${String(err && err.stack || err).split('\n').join('\n  ')}`);
  }
}
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
