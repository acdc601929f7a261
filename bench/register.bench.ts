/**
 * npm run bench:register — the lists and the register at a large processor's scale. Loads 2,000 controllers,
 * 1,000 incidents of two controllers each (4,000 obligations, form answers, a decision each) and one incident that
 * affects all 2,000 controllers (4,000 obligations more), then prints:
 * - the register's CSV streamed over HTTP: time to the first byte and to the last, lines, lines/s, and the peak RSS
 *   of the process while it streams (sampled every 5 ms; the response is read a chunk at a time, never held);
 * - p50 and p95 over 30 runs of the main list endpoints at that size.
 *
 * Uses its own database `breach_desk_bench_register`: on the server of DATABASE_URL, else in the embedded PostgreSQL.
 */
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/access/api-keys.service';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { loadConfig } from '../src/config/config';
import { ServiceKeys } from '../src/config/service-keys';
import { benchDatabaseUrl } from './bench-database';

const CONTROLLERS = 2000;
const INCIDENTS = 1000;
const RUNS = 30;
const BENCH_DB = 'breach_desk_bench_register';

/** Rows in bulk, shaped as the service writes them; the big incident is BENCH-ALL. */
async function load(ds: DataSource): Promise<string> {
  await ds.query(
    `TRUNCATE obligation_alert, obligation, timeline_entry, incident_controller, form_answer, decision, filing, incident,
              api_key, data_controller CASCADE`,
  );
  await ds.query(
    `INSERT INTO data_controller (name, country, authority_id, time_zone, agreement_id, language, breach_contact, dpo)
     SELECT 'Bench controller ' || lpad(g::text, 5, '0'), 'NO', 'no-datatilsynet', 'Europe/Oslo', 'videonor', 'nb',
            '{"name":"On call","email":"oncall@bench.example"}', '{"name":"DPO","email":"dpo@bench.example"}'
     FROM generate_series(1, $1) g`,
    [CONTROLLERS],
  );
  await ds.query(
    `INSERT INTO incident (reference, title, description, discovered_at, processor_aware_at, source, breach_types)
     SELECT 'BENCH-' || lpad(g::text, 6, '0'), 'Bench incident ' || g, 'bench',
            now() - g * interval '1 hour', now() - g * interval '1 hour', 'own-systems', ARRAY['confidentiality']::varchar[]
     FROM generate_series(1, $1) g
     UNION ALL
     SELECT 'BENCH-ALL', 'A shared platform, every controller', 'bench', now() - interval '2 hours',
            now() - interval '2 hours', 'own-systems', ARRAY['confidentiality', 'availability']::varchar[]`,
    [INCIDENTS],
  );
  // Two controllers for each small incident, all of them for the big one.
  await ds.query(
    `INSERT INTO incident_controller (incident_id, controller_id, added_at)
     SELECT i.id, c.id, now()
     FROM (SELECT id, reference, row_number() OVER (ORDER BY reference) AS n FROM incident) i
     JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM data_controller) c
       ON i.reference = 'BENCH-ALL' OR c.n IN ((i.n * 2) % $1 + 1, (i.n * 2 + 1) % $1 + 1)`,
    [CONTROLLERS],
  );
  const [{ terms }] = await ds.query<{ terms: unknown }[]>(
    `SELECT profile->'breachTerms' AS terms FROM agreement_version WHERE agreement_id = 'videonor' ORDER BY version DESC LIMIT 1`,
  );
  await ds.query(
    `INSERT INTO obligation (incident_id, hop, stage, regime_version, controller_id, authority_id, anchor_at, due_at,
                             effective_due_at, window_hours, basis, status, agreement_id, agreement_version, terms)
     SELECT ic.incident_id, h.hop, h.hop, 1, ic.controller_id, CASE WHEN h.hop = 'controller-to-authority' THEN 'no-datatilsynet' END,
            i.processor_aware_at, i.processor_aware_at + interval '72 hours', i.processor_aware_at + interval '72 hours',
            72, 'statutory', 'open', 'videonor', 1, $1::jsonb
     FROM incident_controller ic JOIN incident i ON i.id = ic.incident_id
     CROSS JOIN (VALUES ('processor-to-controller'), ('controller-to-authority')) h(hop)`,
    [JSON.stringify(terms)],
  );
  await ds.query(
    `INSERT INTO form_answer (incident_id, key, state, value, updated_at, updated_by_role)
     SELECT id, 'natureOfBreach', 'known', to_jsonb('Export files forwarded to an outside mailbox (' || reference || ')'), now(), 'dpo'
     FROM incident
     UNION ALL SELECT id, 'approxRecords', 'unknown', NULL, now(), 'dpo' FROM incident`,
  );
  await ds.query(
    `INSERT INTO decision (incident_id, kind, value, reasoning, decided_at, decided_by_role)
     SELECT id, 'risk', 'risk', 'Names and addresses, unencrypted', now(), 'dpo' FROM incident`,
  );
  await ds.query('ANALYZE');
  const [{ id }] = await ds.query<{ id: string }[]>(`SELECT id FROM incident WHERE reference = 'BENCH-ALL'`);
  return id;
}

function percentiles(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

/** GET over a real socket, reading the body chunk by chunk; resolves with what it counted. */
function fetchCounting(
  base: string,
  path: string,
  key: string,
  onChunk?: () => void,
): Promise<{
  status: number;
  bytes: number;
  lines: number;
  firstByteMs: number;
  totalMs: number;
  headers: Record<string, unknown>;
}> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    get(`${base}${path}`, { headers: { Authorization: `Bearer ${key}` } }, (res) => {
      let bytes = 0;
      let lines = 0;
      let firstByteMs = 0;
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - start;
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        onChunk?.();
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          lines,
          firstByteMs,
          totalMs: performance.now() - start,
          headers: res.headers,
        }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const db = await benchDatabaseUrl(BENCH_DB);
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    ALERT_SCAN_INTERVAL_SECONDS: '0',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    OUTBOX_SWEEP_SECONDS: '0',
  });
  // A throwaway database: its audit chain and secrets need not outlive the run.
  const keys = ServiceKeys.random();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, db.url, keys), {
    bodyParser: false,
    logger: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  try {
    const ds = app.get(DataSource);
    const [{ server_version: version }] = await ds.query<{ server_version: string }[]>('SHOW server_version');
    const loadStart = performance.now();
    const bigId = await load(ds);
    const [{ incidents, obligations }] = await ds.query<{ incidents: number; obligations: number }[]>(
      `SELECT (SELECT count(*)::int FROM incident) AS incidents, (SELECT count(*)::int FROM obligation) AS obligations`,
    );
    console.log(
      `bench:register — PostgreSQL ${version}; ${CONTROLLERS.toLocaleString('en')} controllers, ${incidents.toLocaleString('en')} incidents, ` +
        `${obligations.toLocaleString('en')} obligations (one incident affects all controllers), loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );
    const key = (await app.get(ApiKeysService).create(null, { role: 'admin', label: 'bench' })).key;
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    // The register's CSV, streamed: the peak RSS while it streams, against the RSS just before.
    await fetchCounting(base, '/register?format=csv', key); // warm-up
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const csv = await fetchCounting(base, '/register?format=csv', key, () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    });
    clearInterval(sampler);
    if (csv.status !== 200) throw new Error(`GET /register?format=csv answered ${csv.status}`);
    const rows = csv.lines - 1;
    console.log('');
    console.log(
      `register CSV (streamed, whole register): ${rows.toLocaleString('en')} lines, ${mb(csv.bytes)}, ` +
        `first byte ${ms(csv.firstByteMs)}, last ${ms(csv.totalMs)}, ${Math.round(rows / (csv.totalMs / 1000)).toLocaleString('en')} lines/s`,
    );
    console.log(
      `  RSS before ${mb(rssBefore)}, peak while streaming ${mb(peak)} (+${mb(peak - rssBefore)}); transfer-encoding ${String(csv.headers['transfer-encoding'])}`,
    );

    const endpoints = [
      '/incidents',
      '/incidents?status=open',
      '/incidents?from=2026-01-01T00:00:00Z&limit=100&offset=500',
      '/register',
      '/register?limit=100&offset=900',
      '/deadlines',
      '/deadlines?before=%2B6h',
      '/controllers',
      '/controllers?limit=100&offset=1900',
      `/incidents/${bigId}`,
      `/incidents/${bigId}/filings`,
      `/incidents/${bigId}/decisions`,
      '/audit?entityType=incident',
      '/agreements',
      '/keys',
    ];
    console.log(`\nlist endpoints, ${RUNS} runs each (HTTP, one client)`);
    for (const path of endpoints) {
      const first = await fetchCounting(base, path, key);
      if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}`);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push((await fetchCounting(base, path, key)).totalMs);
      const { p50, p95 } = percentiles(samples);
      const total = first.headers['x-total-count'] as string | undefined;
      console.log(
        `  GET ${path.replace(bigId, ':big')}`.padEnd(70) +
          `p50 ${ms(p50).padStart(9)}   p95 ${ms(p95).padStart(9)}   ${mb(first.bytes).padStart(6)}${total ? `   of ${total}` : ''}`,
      );
    }
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
