import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TfsyncClient } from './client';
import { TfsyncEntityProvider } from './TfsyncEntityProvider';
import type { OffsetStore } from './offsets';

/**
 * The provider's recovery from a 410, against a local server answering as tfsync's docs/api.md shows
 * (the end-to-end test in e2e/ runs it against tfsync itself, which makes a 410 only after retention).
 */
test('an offset tfsync no longer keeps (410) makes the provider read the whole catalog again', async () => {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.startsWith('/api/catalog/events')) {
      const offset = new URL(req.url, 'http://x').searchParams.get('offset');
      if (offset === '3') {
        res.statusCode = 410;
        res.end(JSON.stringify({ error: { name: 'GoneError', message: 'offset 3 is older than the log' }, earliestOffset: 40 }));
      } else {
        res.end(JSON.stringify({ lastEventOffset: Number(offset), events: [] }));
      }
      return;
    }
    res.setHeader('X-Catalog-Last-Event-Offset', '42');
    res.end(JSON.stringify({
      items: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Resource', metadata: { name: 'r', uid: 'u' }, spec: {} }],
      totalItems: 1,
      pageInfo: {},
    }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let stored: number | undefined = 3;
  const offsets: OffsetStore = { get: async () => stored, set: async n => { stored = n; } };
  const mutations: any[] = [];
  const logs: string[] = [];
  const provider = new TfsyncEntityProvider(
    'tfsync',
    new TfsyncClient(`http://127.0.0.1:${port}`, 'token', undefined),
    offsets,
    { info: m => logs.push(m), warn: m => logs.push(m) },
    { waitSeconds: 0, eventPageSize: 1000, entityPageSize: 500, retryDelayMs: 10 },
  );
  await provider.connect({ applyMutation: async m => { mutations.push(m); }, refresh: async () => {} });
  try {
    await provider.run(new AbortController().signal, Date.now() + 300);
  } finally {
    server.close();
  }
  assert.equal(mutations[0].type, 'full');
  assert.equal(mutations[0].entities[0].entity.metadata.uid, undefined);
  assert.equal(stored, 42);
  assert.ok(logs.some(l => l.includes('resuming from stored event offset 3')));
  assert.ok(logs.some(l => l.includes('older than') && l.includes('reading the whole catalog again')));
  assert.ok(requests.some(r => r.startsWith('/api/catalog/events?offset=42')));
});
