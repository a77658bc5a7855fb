// The module's offset store against a real PostgreSQL, through the knex Backstage itself installs (the
// module has no database driver of its own). Run by run.sh after the e2e backend's install.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const knexFactory = require('knex');
const { DatabaseOffsetStore } = require('@tfsync/backstage-plugin-catalog-backend-module-tfsync/dist/offsets');

const DB = 'tfsync_e2e_offsets';

function psql(sql) {
  execFileSync('psql', ['-X', '-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-c', sql], {
    env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
  });
}

test('the offset store keeps one offset per provider, survives a new store and tolerates a concurrent create', async () => {
  psql(`drop database if exists ${DB} with (force)`);
  psql(`create database ${DB}`);
  const connect = () =>
    knexFactory({ client: 'pg', connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database: DB } });
  const first = connect();
  const second = connect();
  const third = connect();
  try {
    // Two instances starting at once both see no table and both try to create it.
    const [a, b] = await Promise.all([
      DatabaseOffsetStore.create(first, 'tfsync'),
      DatabaseOffsetStore.create(second, 'other'),
    ]);
    assert.equal(await a.get(), undefined);
    await a.set(41);
    await a.set(9_007_199_254_740); // past 32 bits: the column is a bigint
    await b.set(7);
    // A restarted instance (a new store on a new connection) reads what the last one wrote.
    const again = await DatabaseOffsetStore.create(third, 'tfsync');
    assert.equal(await again.get(), 9_007_199_254_740);
    assert.equal(await b.get(), 7);
    assert.equal((await first('tfsync_provider_offsets').count('* as n'))[0].n, '2');
  } finally {
    await first.destroy();
    await second.destroy();
    await third.destroy();
    psql(`drop database if exists ${DB} with (force)`);
  }
});
