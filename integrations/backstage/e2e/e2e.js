// End-to-end: tfsync (the jar this repository builds) and a real Backstage backend (from the npm
// registry) with the tfsync module. Checks through Backstage's own catalog API that resources appear,
// change and go; that a restarted Backstage resumes from its stored offset without reading the whole
// catalog again; then measures sync -> visible in Backstage for 1 and for 1,000 changed entities.
//
// Needs: a JDK 21+ for ./tfsync, PostgreSQL on 127.0.0.1:5432 (user postgres, trust) for Backstage.
const { spawn, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { writeState, buckets } = require('./state');

const REPO = path.resolve(__dirname, '../../..');
const WORK = path.join(__dirname, 'work');
const TFSYNC_TOKEN = crypto.randomBytes(24).toString('hex');
const BACKSTAGE_TOKEN = crypto.randomBytes(24).toString('hex');
const DB_PREFIX = 'tfsync_e2e_';
const children = [];
const started = Date.now();

function log(message) {
  console.log(`e2e [${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(what, check, timeoutMs = 60_000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

function start(name, command, args, options) {
  const out = fs.openSync(path.join(WORK, `${name}.log`), 'a');
  const child = spawn(command, args, { stdio: ['ignore', out, out], ...options });
  child.name = name;
  children.push(child);
  return child;
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(20_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

function psql(sql) {
  return execFileSync('psql', ['-X', '-q', '-At', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-c', sql], {
    encoding: 'utf8',
  });
}

function dropBackstageDatabases() {
  for (const name of psql(`select datname from pg_database where datname like '${DB_PREFIX}%'`).split('\n')) {
    if (name.trim()) {
      psql(`drop database if exists "${name.trim()}" with (force)`);
    }
  }
}

async function json(url, options = {}) {
  const response = await fetch(url, options);
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${options.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return text ? JSON.parse(text) : undefined;
}

class Tfsync {
  /** `name` names its config, database and log file; `anonymous` configures no tokens (loopback callers). */
  constructor(port, state, name = 'tfsync', anonymous = false) {
    this.port = port;
    this.state = state;
    this.name = name;
    this.anonymous = anonymous;
    this.base = `http://127.0.0.1:${port}`;
    this.serial = 1;
  }

  async start() {
    const config = path.join(WORK, `${this.name}.yaml`);
    const sha = crypto.createHash('sha256').update(TFSYNC_TOKEN).digest('hex');
    const auth = this.anonymous ? '' : `auth:
  tokens:
    - { name: backstage, sha256: "${sha}", tenant: acme, scopes: [catalog.read, events.read, sync.write] }
`;
    fs.writeFileSync(config, `server: { host: 127.0.0.1, port: ${this.port} }
database: { url: "jdbc:sqlite:${path.join(WORK, `${this.name}.db`)}" }
${auth}workspaces:
  - id: e2e
    tenant: acme
    businessUnit: platform
    owner: group:default/platform
    source: { type: file, path: ${this.state} }
`);
    this.process = start(this.name, path.join(REPO, 'tfsync'), ['serve', '--config', config], { cwd: REPO });
    await waitFor('tfsync to be ready', async () => (await fetch(`${this.base}/readyz`)).ok, 120_000, 250);
    log(`tfsync serves on ${this.base}`);
  }

  /** The token for a tfsync with tokens; none for an anonymous one (which would refuse an unknown token). */
  headers() {
    return this.anonymous ? {} : { Authorization: `Bearer ${TFSYNC_TOKEN}` };
  }

  write(list) {
    writeState(this.state, list, this.serial++);
  }

  /** Syncs the workspace and returns when the sync has committed (its events are in the log). */
  async sync() {
    const headers = this.headers();
    const queued = await json(`${this.base}/api/sync/workspaces/e2e/sync`, { method: 'POST', headers });
    const record = await waitFor(`sync ${queued.syncId}`, async () => {
      const now = await json(`${this.base}/api/sync/history/${queued.syncId}`, { headers });
      return now.status === 'succeeded' || now.status === 'failed' ? now : undefined;
    }, 120_000, 20);
    if (record.status !== 'succeeded') {
      throw new Error(`tfsync's sync failed: ${record.error}`);
    }
    return record;
  }

  /** How many requests tfsync has served on a route (from its Prometheus metrics). */
  async requests(route) {
    const text = await (await fetch(`${this.base}/metrics`, { headers: this.headers() })).text();
    let total = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('http_server_requests_seconds_count{') && line.includes(`route="${route}"`)) {
        total += Number(line.split(' ').pop());
      }
    }
    return total;
  }
}

class Backstage {
  /** `name` names its config and log file; instances share the catalog database. */
  constructor(port, tfsyncBase, name = 'backstage', custom = undefined) {
    this.port = port;
    this.name = name;
    this.base = `http://127.0.0.1:${port}`;
    this.config = path.join(WORK, `${name}.yaml`);
    const catalog = custom?.catalog ?? `catalog:
  providers:
    tfsync:
      baseUrl: ${tfsyncBase}
      token: ${TFSYNC_TOKEN}
`;
    fs.writeFileSync(this.config, `backend:
  baseUrl: ${this.base}
  listen: { host: 127.0.0.1, port: ${port} }
  database:
    client: pg
    connection: { host: 127.0.0.1, port: 5432, user: postgres, password: "" }
    prefix: ${custom?.prefix ?? DB_PREFIX}
${custom?.backend ?? ''}  auth:
    externalAccess:
      - type: static
        options: { token: ${BACKSTAGE_TOKEN}, subject: tfsync-e2e }
${catalog}`);
  }

  async start() {
    this.process = start(this.name, process.execPath, [path.join(__dirname, 'backend.js'), '--config', this.config], {
      cwd: __dirname,
    });
    await waitFor('Backstage to serve its catalog API', async () => {
      if (this.process.exitCode !== null) {
        throw new Error(`Backstage exited with ${this.process.exitCode}; see ${path.join(WORK, `${this.name}.log`)}`);
      }
      return (await fetch(`${this.base}/api/catalog/entities?limit=1`, { headers: this.headers() })).ok;
    }, 120_000, 250);
    log(`Backstage serves on ${this.base}`);
  }

  async stop() {
    await stop(this.process);
  }

  headers() {
    return { Authorization: `Bearer ${BACKSTAGE_TOKEN}` };
  }

  /** The entities Backstage's catalog API lists for a filter. */
  async entities(filter) {
    return json(`${this.base}/api/catalog/entities?filter=${encodeURIComponent(filter)}`, { headers: this.headers() });
  }

  async count(filter) {
    const page = await json(`${this.base}/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(filter)}`, {
      headers: this.headers(),
    });
    return page.totalItems;
  }
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(`assertion failed: ${message}`);
  }
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  dropBackstageDatabases();
  const tfsync = new Tfsync(await freePort(), path.join(WORK, 'state.tfstate'));

  // 1. Five buckets in Terraform state, synced into tfsync; Backstage starts and reads them.
  tfsync.write(buckets(5));
  await tfsync.start();
  const backstage = new Backstage(await freePort(), tfsync.base);
  const first = await tfsync.sync();
  log(`tfsync synced the first state: +${first.added}`);
  await backstage.start();
  await waitFor('the 5 resources in Backstage', async () => (await backstage.count('kind=resource')) === 5, 60_000);
  const [one] = await backstage.entities('kind=resource,metadata.annotations.terraform.io/address=aws_s3_bucket.logs_1');
  assert(one, 'the resource of aws_s3_bucket.logs_1 is in Backstage');
  const [inTfsync] = await json(`${tfsync.base}/api/catalog/entities?filter=metadata.name=${one.metadata.name}`, {
    headers: { Authorization: `Bearer ${TFSYNC_TOKEN}` },
  });
  assert(JSON.stringify(one.spec) === JSON.stringify(inTfsync.spec), `Backstage's spec equals tfsync's: ${JSON.stringify(one.spec)}`);
  assert(one.spec.owner === 'team-a', `its owner is team-a, got ${one.spec.owner}`);
  assert(one.metadata.annotations['terraform.io/workspace'] === 'e2e', 'it carries terraform.io/workspace');
  assert(!('relations' in one) || one.relations.some(r => r.type === 'ownedBy'), 'Backstage made its relations');
  log('Backstage shows the 5 resources tfsync made, with their owner and annotations');

  // 2. One bucket changes owner, one goes away.
  tfsync.write(buckets(5, { owner: i => (i === 1 ? 'team-b' : 'team-a') }).filter(b => b.name !== 'logs-4'));
  await tfsync.sync();
  await waitFor('the change and the removal in Backstage', async () => {
    const [changed] = await backstage.entities('kind=resource,metadata.annotations.terraform.io/address=aws_s3_bucket.logs_1');
    return changed?.spec.owner === 'team-b' && (await backstage.count('kind=resource')) === 4;
  }, 60_000);
  log("Backstage shows the changed owner and the removed bucket");

  // 3. Backstage restarts while tfsync changes; it resumes from its stored offset, reading no full catalog.
  await backstage.stop();
  const listsBefore = await tfsync.requests('/api/catalog/entities/by-query');
  tfsync.write(buckets(6, { owner: i => (i === 1 ? 'team-b' : 'team-a') }).filter(b => b.name !== 'logs-4'));
  await tfsync.sync();
  await backstage.start();
  await waitFor('the bucket added while Backstage was down', async () => (await backstage.count('kind=resource')) === 5, 60_000);
  const listsAfter = await tfsync.requests('/api/catalog/entities/by-query');
  assert(listsAfter === listsBefore, `no full read after the restart (catalog list requests ${listsBefore} -> ${listsAfter})`);
  const backstageLog = fs.readFileSync(path.join(WORK, 'backstage.log'), 'utf8');
  assert(/resuming from stored event offset \d+/.test(backstageLog), 'the module says it resumed from its stored offset');
  log(`after a restart Backstage resumed from its stored offset (catalog list requests to tfsync: ${listsBefore} before, ${listsAfter} after)`);

  // 4. Two Backstage instances on one catalog database: one follows the stream at a time, and both show it.
  const second = new Backstage(await freePort(), tfsync.base, 'backstage-2');
  await second.start();
  await sleep(3000); // both have registered the task; one of them holds it
  const logs = ['backstage', 'backstage-2'].map(name => path.join(WORK, `${name}.log`));
  const before = logs.map(file => fs.statSync(file).size);
  tfsync.write(buckets(7, { owner: i => (i === 1 ? 'team-b' : 'team-a') }).filter(b => b.name !== 'logs-4'));
  await tfsync.sync();
  await waitFor('the new bucket in both instances', async () =>
    (await backstage.count('kind=resource')) === 6 && (await second.count('kind=resource')) === 6, 60_000);
  const applying = logs.map((file, n) =>
    (fs.readFileSync(file, 'utf8').slice(before[n]).match(/applied events \d+-\d+/g) ?? []).length);
  assert(applying.filter(count => count > 0).length === 1,
    `exactly one instance applied the new events (lines per instance: ${applying.join(', ')})`);
  log(`two instances on one catalog database: both show the new bucket, one of them (${applying[0] ? 'the first' : 'the second'}) applied it`);
  await second.stop();

  // 5. Without the module: a Backstage reading tfsync's export as a url location.
  await urlLocation();

  // 6. Sync -> visible in Backstage, for 1 and for 1,000 changed entities.
  const figures = {};
  tfsync.write(buckets(1000));
  await tfsync.sync();
  await waitFor('1,000 resources in Backstage', async () => (await backstage.count('kind=resource')) === 1000, 300_000, 250);
  for (const [label, changed] of [['1 changed entity', 1], ['1,000 changed entities', 1000]]) {
    const rounds = changed === 1 ? 5 : 2;
    const times = [];
    for (let round = 0; round < rounds; round++) {
      const owner = `team-r${label.length}-${round}`;
      tfsync.write(buckets(1000, { owner: i => (i < changed ? owner : 'team-a') }));
      const t0 = Date.now();
      const record = await tfsync.sync();
      const synced = Date.now();
      await waitFor(`${changed} changes in Backstage`, async () => (await backstage.count(`kind=resource,spec.owner=${owner}`)) === changed, 300_000, 50);
      times.push({ total: Date.now() - t0, sync: synced - t0, visible: Date.now() - synced, updated: record.updated });
      // Back to the base state, so each round changes exactly `changed` entities.
      tfsync.write(buckets(1000));
      await tfsync.sync();
      await waitFor('the base state in Backstage', async () => (await backstage.count('kind=resource,spec.owner=team-a')) === 1000, 300_000, 50);
    }
    figures[label] = times;
    const med = key => times.map(t => t[key]).sort((a, b) => a - b)[Math.floor(times.length / 2)];
    log(`${label}: sync trigger -> visible in Backstage's catalog API: median ${med('total')} ms`
      + ` (tfsync sync ${med('sync')} ms, then ${med('visible')} ms until Backstage shows it; runs: ${times.map(t => t.total).join(', ')} ms)`);
  }
  fs.writeFileSync(path.join(WORK, 'figures.json'), JSON.stringify(figures, null, 2));
  await backstage.stop();
  log('passed');
}

/**
 * The README's alternative to the module: a Backstage with no tfsync settings reads
 * /api/catalog/export/catalog-info.yaml as a `url` location (allowed by backend.reading.allow). Its URL
 * reader sends no token, so this tfsync has none (anonymous loopback callers), as the README says.
 */
async function urlLocation() {
  const tfsync = new Tfsync(await freePort(), path.join(WORK, 'url-state.tfstate'), 'tfsync-url', true);
  tfsync.write(buckets(3));
  await tfsync.start();
  await tfsync.sync();
  const host = `127.0.0.1:${tfsync.port}`;
  const backstage = new Backstage(await freePort(), undefined, 'backstage-url', {
    prefix: `${DB_PREFIX}url_`,
    backend: `  reading:
    allow:
      - host: "${host}"
`,
    catalog: `catalog:
  locations:
    - type: url
      target: http://${host}/api/catalog/export/catalog-info.yaml
      rules:
        - allow: [Resource, Component]
`,
  });
  await backstage.start();
  await waitFor('the 3 exported resources in the url-location Backstage', async () =>
    (await backstage.count('kind=resource')) === 3, 60_000, 250);
  const [one] = await backstage.entities('kind=resource,metadata.annotations.terraform.io/address=aws_s3_bucket.logs_1');
  assert(one?.spec.owner === 'team-a', `the exported bucket carries its owner, got ${JSON.stringify(one?.spec)}`);
  assert(await tfsync.requests('/api/catalog/export/catalog-info.yaml') >= 1, 'Backstage read the export');
  log('a Backstage without the module shows the 3 resources of a url location on the export');
  await backstage.stop();
  await stop(tfsync.process);
}

main()
  .catch(error => {
    console.error(`e2e FAILED: ${error.stack ?? error}`);
    console.error(`logs: ${WORK}/tfsync.log, ${WORK}/backstage.log`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const child of children) {
      await stop(child);
    }
    try {
      dropBackstageDatabases();
    } catch (error) {
      console.error(`could not drop the e2e databases: ${error.message}`);
    }
  });
