/**
 * npm run bench:ui — server-side render time of the pages, with 1,000 incidents and 4,000 obligations loaded in bulk.
 * Each page is requested over HTTP (the whole way: access guard, services, Handlebars, layout) RUNS times after a
 * warm-up, one at a time; prints the median and p95 per page. Target: p95 ≤ 100 ms on a 2-core machine.
 *
 * Uses its own database `breach_desk_bench`: on the server of DATABASE_URL, else in the embedded PostgreSQL.
 * A page is one line of PAGES.
 */
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/access/api-keys.service';
import type { Role } from '../src/access/roles';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { loadConfig } from '../src/config/config';
import { ServiceKeys } from '../src/config/service-keys';
import { benchDatabaseUrl } from './bench-database';

const INCIDENTS = 1_000;
const CONTROLLERS = 20;

const RUNS = 50;
const TARGET_P95_MS = 100;
const BENCH_DB = 'breach_desk_bench';

/** What the pages are read with: the world loaded, and a key per role. */
interface World {
  incidentId: string;
  controllerKey: string;
  staffKey: string;
}

/** The pages measured: who asks, and where. */
const PAGES: { name: string; url: (w: World) => string; as: (w: World) => string }[] = [
  { name: 'board /', url: () => '/', as: (w) => w.staffKey },
  { name: 'incident /ui/incidents/:id', url: (w) => `/ui/incidents/${w.incidentId}`, as: (w) => w.staffKey },
  { name: 'register /ui/register', url: () => '/ui/register', as: (w) => w.staffKey },
  { name: 'portal /ui/portal', url: () => '/ui/portal', as: (w) => w.controllerKey },
  {
    name: 'portal incident /ui/portal/incidents/:id',
    url: (w) => `/ui/portal/incidents/${w.incidentId}`,
    as: (w) => w.controllerKey,
  },
  { name: 'agreements /ui/agreements', url: () => '/ui/agreements', as: (w) => w.staffKey },
  { name: 'agreement /ui/agreements/videonor', url: () => '/ui/agreements/videonor', as: (w) => w.staffKey },
  { name: 'controllers /ui/controllers', url: () => '/ui/controllers', as: (w) => w.staffKey },
  { name: 'keys /ui/keys', url: () => '/ui/keys', as: (w) => w.staffKey },
];

/** 1,000 incidents over the last 60 days, each concerning two of 20 controllers; due times from 2 days ago to 10 ahead. */
async function load(ds: DataSource): Promise<void> {
  await ds.query(
    `TRUNCATE obligation_alert, obligation, timeline_entry, incident_controller, incident, api_key, data_controller CASCADE`,
  );
  await ds.query(
    `INSERT INTO data_controller (name, country, authority_id, time_zone, agreement_id, language, breach_contact, dpo)
     SELECT 'Bench controller ' || g, 'NO', 'no-datatilsynet', 'Europe/Oslo', 'videonor', 'nb',
            '{"name":"On call","email":"oncall@bench.example"}', '{"name":"DPO","email":"dpo@bench.example"}'
     FROM generate_series(1, $1) g`,
    [CONTROLLERS],
  );
  await ds.query(
    `INSERT INTO incident (reference, title, description, discovered_at, processor_aware_at, source, breach_types)
     SELECT 'BENCH-' || lpad(g::text, 6, '0'), 'Bench incident ' || g, 'bench',
            now() - g * interval '86 minutes', now() - g * interval '86 minutes',
            'own-systems', ARRAY['confidentiality']::varchar[]
     FROM generate_series(1, $1) g`,
    [INCIDENTS],
  );
  await ds.query(
    `INSERT INTO incident_controller (incident_id, controller_id, added_at)
     SELECT i.id, c.id, i.discovered_at
     FROM (SELECT id, discovered_at, row_number() OVER (ORDER BY reference) AS n FROM incident) i
     JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM data_controller) c
       ON c.n IN (1 + (i.n % $1), 1 + ((i.n + 1) % $1))`,
    [CONTROLLERS],
  );
  const [{ terms }] = await ds.query<{ terms: unknown }[]>(
    `SELECT profile->'breachTerms' AS terms FROM agreement_version WHERE agreement_id = 'videonor' ORDER BY version DESC LIMIT 1`,
  );
  await ds.query(
    `INSERT INTO obligation (incident_id, hop, stage, regime_version, controller_id, authority_id, anchor_at, due_at,
                             effective_due_at, window_hours, basis, status, agreement_id, agreement_version, terms,
                             next_alert_at)
     SELECT d.incident_id, d.hop, d.hop, 1, d.controller_id, CASE WHEN d.hop = 'controller-to-authority' THEN 'no-datatilsynet' END,
            d.due - interval '72 hours', d.due, d.due, 72, 'statutory', 'open', 'videonor', 1, $1::jsonb,
            GREATEST(now() + interval '1 hour', d.due - interval '36 hours')
     FROM (SELECT ic.incident_id, ic.controller_id, h.hop,
                  now() - interval '2 days' + random() * interval '12 days' AS due
           FROM incident_controller ic
           CROSS JOIN (VALUES ('processor-to-controller'), ('controller-to-authority')) h(hop)) d`,
    [JSON.stringify(terms)],
  );
  await ds.query(
    'ANALYZE obligation; ANALYZE incident; ANALYZE incident_controller; ANALYZE data_controller',
  );
}

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

const ms = (v: number) => `${v.toFixed(1).padStart(6)} ms`;

async function main(): Promise<void> {
  const db = await benchDatabaseUrl(BENCH_DB);
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    ALERT_SCAN_INTERVAL_SECONDS: '0',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    OUTBOX_SWEEP_SECONDS: '0',
  });
  // A throwaway database: its audit chain and secrets need not outlive the run.
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, db.url, ServiceKeys.random()),
    { bodyParser: false, logger: false },
  );
  configureApp(app);
  await app.init();
  try {
    const ds = app.get(DataSource);
    const [{ server_version: version }] = await ds.query<{ server_version: string }[]>('SHOW server_version');
    await load(ds);
    const [{ incidents, obligations }] = await ds.query<{ incidents: number; obligations: number }[]>(
      `SELECT (SELECT count(*)::int FROM incident) AS incidents, (SELECT count(*)::int FROM obligation) AS obligations`,
    );
    console.log(
      `bench:ui — ${incidents.toLocaleString('en')} incidents, ${obligations.toLocaleString('en')} obligations, ` +
        `${CONTROLLERS} controllers, PostgreSQL ${version}; ${RUNS} requests a page after 3 warm-up`,
    );

    const keyFor = async (role: Role, controllerId?: string) =>
      (await app.get(ApiKeysService).create(null, { role, controllerId, label: 'bench' })).key;
    const [{ id: controllerId }] = await ds.query<{ id: string }[]>(
      `SELECT id FROM data_controller ORDER BY name LIMIT 1`,
    );
    const [{ incident_id: incidentId }] = await ds.query<{ incident_id: string }[]>(
      `SELECT incident_id FROM incident_controller WHERE controller_id = $1 LIMIT 1`,
      [controllerId],
    );
    const world: World = {
      incidentId,
      controllerKey: await keyFor('controller', controllerId),
      staffKey: await keyFor('admin'),
    };
    const http = request(app.getHttpServer());

    console.log('');
    let within = true;
    for (const page of PAGES) {
      let bytes = 0;
      const result = await time(RUNS, async () => {
        const res = await http.get(page.url(world)).set('Authorization', `Bearer ${page.as(world)}`);
        if (res.status !== 200) throw new Error(`${page.name} answered ${res.status}`);
        bytes = res.text.length;
      });
      within &&= result.p95 <= TARGET_P95_MS;
      console.log(
        `${page.name.padEnd(44)} median ${ms(result.median)}   p95 ${ms(result.p95)}   ${(bytes / 1024).toFixed(0).padStart(4)} KiB` +
          (result.p95 <= TARGET_P95_MS ? '' : '   OUTSIDE'),
      );
    }
    console.log(`\n${within ? 'every page within' : 'NOT every page within'} p95 ≤ ${TARGET_P95_MS} ms`);
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
