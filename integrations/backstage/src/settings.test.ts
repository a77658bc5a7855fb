import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings, type ConfigReader } from './settings';

/** Backstage's config reader over a plain object, as far as the settings use it. */
function reader(data: Record<string, unknown> | undefined): ConfigReader {
  const at = (key: string): unknown =>
    key.split('.').reduce<any>((node, part) => (node === undefined ? undefined : node[part]), data);
  return {
    getOptionalConfig: key => {
      const value = at(key);
      return value === undefined ? undefined : reader(value as Record<string, unknown>);
    },
    getString: key => {
      const value = at(key);
      if (typeof value !== 'string') {
        throw new Error(`Missing required config value at '${key}'`);
      }
      return value;
    },
    getOptionalString: key => at(key) as string | undefined,
    getOptionalStringArray: key => at(key) as string[] | undefined,
    getOptionalNumber: key => at(key) as number | undefined,
  };
}

test('no catalog.providers.tfsync: the provider is off', () => {
  assert.equal(readSettings(reader({ catalog: {} })), undefined);
});

test('settings are read with defaults', () => {
  const settings = readSettings(
    reader({ catalog: { providers: { tfsync: { baseUrl: 'http://127.0.0.1:7007/', kinds: ['Resource'] } } } }),
  );
  assert.deepEqual(settings, { baseUrl: 'http://127.0.0.1:7007', token: undefined, kinds: ['Resource'], pageSize: 500 });
});

test('mistakes say which key and what was wrong', () => {
  const bad = (tfsync: Record<string, unknown>) => () =>
    readSettings(reader({ catalog: { providers: { tfsync } } }));
  assert.throws(bad({ baseUrl: 'tfsync:7007' }), /catalog\.providers\.tfsync\.baseUrl must be an http\(s\) URL/);
  assert.throws(bad({ baseUrl: 'not a url' }), /baseUrl must be an absolute http\(s\) URL, got 'not a url'/);
  assert.throws(bad({ baseUrl: 'http://x', pageSize: 0 }), /pageSize must be a whole number from 1 to 10000, got 0/);
  assert.throws(bad({ baseUrl: 'http://x', kinds: ['Resource', 'not a kind'] }), /kinds: 'not a kind' is not an entity kind/);
  assert.throws(bad({}), /Missing required config value at 'baseUrl'/);
});
