/**
 * npm run bench:intake — logging incidents under load. 32 clients in flight, each incident affecting 4 controllers:
 *   - the service: POST /incidents over HTTP against the real Nest app, with a real API key, like a client;
 *   - raw: the same rows issued straight through `pg` (same tables, same locks: the reference_counter row and the audit
 *     advisory lock, held to commit; the same row counts per incident), on a pool of the service's size.
 * Prints throughput, p50 and p99 of each and the ratio; then the time of one intake affecting 2,000 controllers across
 * the four built-in agreements. Targets: service ≥ 0.5 of raw throughput, p99 no worse than raw; 2,000 in ≤ 3 s.
 *
 * Uses DATABASE_URL when set (its name must contain `test` or `bench`: the tables are emptied), else an embedded
 * PostgreSQL of its own.
 */
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/access/api-keys.service';
import { AgreementsService } from '../src/agreements/agreements.service';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { chainHash, CURRENT_CHAIN_VERSION, storedInstant } from '../src/audit/audit-chain.util';
import { AuthoritiesService } from '../src/authorities/authorities.service';
import { RegimesService } from '../src/regimes/regimes.service';
import gdprRegime from '../src/regimes/builtin/gdpr.json';
import { loadConfig } from '../src/config/config';
import { ServiceKeys } from '../src/config/service-keys';
import { useEmbeddedPostgres } from '../src/database/embedded-postgres.driver';

const IN_FLIGHT = 32;
/** About the size of the stage each of the service's rows copies (`obligation.rule`). */
const GDPR_STAGE_COPY = { ...gdprRegime.stages[1], timeZone: 'Europe/Oslo', recipientName: null, jurisdiction: null };
const PER_INCIDENT = 4;
const WARMUP = 64;
const MEASURED = Number(process.env.BENCH_INTAKES ?? 1_000);
const MASS = 2_000;
const POOL_SIZE = 10; // the service's pool (data-source-options)
const AUDIT_LOCK = 0x42_44_61_75; // the audit service's advisory lock
const AGREEMENTS = ['videonor', 'alfaview', 'dotnet-internals', 'decision-beacon'];

async function databaseUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    const name = new URL(config.DATABASE_URL).pathname.slice(1);
    if (!/test|bench/.test(name))
      throw new Error(`refusing to empty database ${name}: its name lacks test or bench`);
    return { url: config.DATABASE_URL, stop: () => Promise.resolve() };
  }
  const db = await useEmbeddedPostgres({
    dir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: 'breach_desk_bench',
  });
  return { url: db.url, stop: () => db.stop() };
}

/** Empties what intake writes and makes MASS controllers spread over the four built-in agreements. */
async function load(app: NestExpressApplication, ds: DataSource): Promise<string[]> {
  const tables = ds.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
  await ds.transaction(async (em) => {
    await em.query('ALTER TABLE audit_entry DISABLE TRIGGER tr_audit_entry_no_truncate');
    await em.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
    await em.query('ALTER TABLE audit_entry ENABLE TRIGGER tr_audit_entry_no_truncate');
  });
  await app.get(AuthoritiesService).loadBuiltins();
  await app.get(AgreementsService).loadBuiltins();
  await app.get(RegimesService).loadBuiltins();
  const rows = await ds.query<{ id: string }[]>(
    `INSERT INTO data_controller (name, country, authority_id, time_zone, agreement_id, language, breach_contact, dpo)
     SELECT 'Bench controller ' || g, 'NO', 'no-datatilsynet', 'Europe/Oslo', ($2::text[])[1 + g % 4], 'en',
            '{"name":"On call","email":"oncall@bench.example"}', '{"name":"DPO","email":"dpo@bench.example"}'
     FROM generate_series(1, $1) g RETURNING id`,
    [MASS, AGREEMENTS],
  );
  return rows.map((r) => r.id);
}

function incidentBody(i: number, controllerIds: string[]): Record<string, unknown> {
  return {
    title: `Bench incident ${i}`,
    description: 'Mail relay forwarded customer exports to an outside address',
    discoveredAt: '2026-11-22T09:12:00+01:00',
    processorAwareAt: '2026-11-22T09:30:00+01:00',
    breachTypes: ['confidentiality'],
    services: ['mail'],
    controllerIds,
  };
}

/** PER_INCIDENT controllers for intake i, from the first 128, so that incidents overlap as in real life. */
function pick(controllers: string[], i: number): string[] {
  return Array.from({ length: PER_INCIDENT }, (_, k) => controllers[(i * 7 + k * 31) % 128]);
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Runs `count` calls with `inFlight` at a time; latency per call, throughput over the whole run. */
async function drive(count: number, inFlight: number, call: (i: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
  return { perSecond: count / elapsed, p50: at(0.5), p99: at(0.99) };
}

/** The rows one intake writes, issued straight through pg in the order the locks demand. */
class RawIntake {
  private readonly terms = new Map<string, { terms: unknown; version: number; hours: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly chainKey: Buffer,
    private readonly agreementOf: Map<string, string>,
  ) {}

  async init(): Promise<void> {
    const rows = await this.pool.query<{ id: string; version: number; terms: { processorHours?: number } }>(
      `SELECT a.id, v.version, v.profile->'breachTerms' AS terms
         FROM agreement a JOIN agreement_version v ON v.agreement_id = a.id AND v.version = a.current_version`,
    );
    for (const r of rows.rows) this.terms.set(r.id, { terms: r.terms, version: r.version, hours: 24 });
  }

  async create(i: number, controllerIds: string[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await this.write(client, i, controllerIds);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  private async write(client: PoolClient, i: number, controllerIds: string[]): Promise<void> {
    const now = new Date();
    const aware = new Date('2026-11-22T08:30:00Z');
    const year = now.getUTCFullYear();
    const [{ last }] = (
      await client.query<{ last: number }>(
        `INSERT INTO reference_counter (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = reference_counter.last + 1 RETURNING last`,
        [year],
      )
    ).rows;
    const reference = `BR-${year}-${String(last).padStart(4, '0')}`;
    const incidentId = randomUUID();
    await client.query(
      `INSERT INTO incident (id, reference, title, description, discovered_at, processor_aware_at, source, breach_types, services, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'own-systems', $7, $8, NULL)`,
      [
        incidentId,
        reference,
        `Bench incident ${i}`,
        'raw',
        new Date('2026-11-22T08:12:00Z'),
        aware,
        ['confidentiality'],
        ['mail'],
      ],
    );
    await client.query(
      `INSERT INTO incident_controller (incident_id, controller_id, added_at)
       SELECT $1, c, $3 FROM unnest($2::uuid[]) c`,
      [incidentId, controllerIds, now],
    );
    await client.query(
      `INSERT INTO timeline_entry (incident_id, at, kind, actor_role, controller_id, data)
       SELECT $1, $2, k, 'dpo', c, d FROM unnest($3::text[], $4::uuid[], $5::jsonb[]) AS t(k, c, d)`,
      [
        incidentId,
        now,
        ['created', ...controllerIds.map(() => 'controller-added')],
        [null, ...controllerIds],
        [
          JSON.stringify({ reference, processorAwareAt: aware.toISOString() }),
          ...controllerIds.map((c) =>
            JSON.stringify({ controllerId: c, agreementId: this.agreementOf.get(c) }),
          ),
        ],
      ],
    );
    const obligations = controllerIds.flatMap((c) => {
      const t = this.terms.get(this.agreementOf.get(c)!)!;
      const due = new Date(aware.getTime() + t.hours * 3_600_000);
      const conservative = new Date(aware.getTime() + 72 * 3_600_000);
      return [
        {
          id: randomUUID(),
          c,
          hop: 'processor-to-controller',
          anchor: aware,
          due,
          conservative: null,
          status: 'open',
          t,
          authority: null,
        },
        {
          id: randomUUID(),
          c,
          hop: 'controller-to-authority',
          anchor: null,
          due: null,
          conservative,
          status: 'awaiting-anchor',
          t,
          authority: 'no-datatilsynet',
        },
      ];
    });
    await client.query(
      `INSERT INTO obligation (id, incident_id, hop, stage, regime_version, rule, controller_id, authority_id, anchor_at,
                              anchor_reason, anchor_source, due_at, conservative_due_at, effective_due_at, window_hours,
                              basis, status, agreement_id, agreement_version, terms, next_alert_at)
       SELECT o.id, $1, o.hop, o.hop, 1, $13::jsonb, o.c, o.authority, o.anchor, CASE WHEN o.anchor IS NOT NULL THEN 'Our awareness of the breach' END,
              CASE WHEN o.anchor IS NOT NULL THEN 'processor-awareness' END, o.due, o.conservative,
              coalesce(o.due, o.conservative), 24, 'target', o.status, o.agreement, o.version, o.terms, o.due
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                     $8::timestamptz[], $9::text[], $10::text[], $11::int[], $12::jsonb[])
              AS o(id, hop, c, authority, anchor, due, conservative, status, agreement, version, terms)`,
      [
        incidentId,
        obligations.map((o) => o.id),
        obligations.map((o) => o.hop),
        obligations.map((o) => o.c),
        obligations.map((o) => o.authority),
        obligations.map((o) => o.anchor),
        obligations.map((o) => o.due),
        obligations.map((o) => o.conservative),
        obligations.map((o) => o.status),
        obligations.map((o) => this.agreementOf.get(o.c)),
        obligations.map((o) => o.t.version),
        obligations.map((o) => JSON.stringify(o.t.terms)),
        // The service copies the gdpr regime's stage into each row; the raw side writes as much.
        JSON.stringify(GDPR_STAGE_COPY),
      ],
    );
    await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const head = (
      await client.query<{ seq: string; hash: string }>(
        'SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1',
      )
    ).rows[0];
    const seq = String(head ? BigInt(head.seq) + 1n : 1n);
    const prevHash = head?.hash ?? '0'.repeat(64);
    const after = {
      id: incidentId,
      reference,
      controllerIds: [...controllerIds].sort(),
      obligations: obligations.map((o) => ({
        id: o.id,
        hop: o.hop,
        controllerId: o.c,
        dueAt: o.due?.toISOString() ?? null,
      })),
    };
    // The service's own chain rule (the current chain version, a key's row: no person), so the run verifies after.
    const row = {
      seq,
      at: storedInstant(now),
      actorKeyId: null,
      actorUserId: null,
      actorRole: 'dpo',
      action: 'incident.create',
      entityType: 'incident',
      entityId: incidentId,
      before: null,
      after,
    };
    const hash = chainHash(this.chainKey, prevHash, row);
    await client.query(
      `INSERT INTO audit_entry (seq, at, actor_key_id, actor_user_id, actor_role, action, entity_type, entity_id, before, after, prev_hash, hash, chain_version)
       VALUES ($1, $2, NULL, NULL, 'dpo', 'incident.create', 'incident', $3, NULL, $4, $5, $6, ${CURRENT_CHAIN_VERSION})`,
      [seq, now, incidentId, JSON.stringify(after), prevHash, hash],
    );
  }
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const line = (name: string, f: Figures) =>
  `${name.padEnd(8)} ${f.perSecond.toFixed(0).padStart(5)} incidents/s   p50 ${ms(f.p50).padStart(7)}   p99 ${ms(f.p99).padStart(7)}`;

async function main(): Promise<void> {
  const db = await databaseUrl();
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    ALERT_SCAN_INTERVAL_SECONDS: '0',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    OUTBOX_SWEEP_SECONDS: '0',
  });
  const keys = ServiceKeys.random(); // a throwaway trail: its chain need not outlive the run
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, db.url, keys), {
    bodyParser: false,
    logger: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const pool = new Pool({ connectionString: db.url, max: POOL_SIZE, options: '-c TimeZone=UTC' });
  try {
    const ds = app.get(DataSource);
    const [{ server_version: version }] = await ds.query<{ server_version: string }[]>('SHOW server_version');
    const controllers = await load(app, ds);
    const agreementOf = new Map(
      (
        await ds.query<{ id: string; agreement_id: string }[]>('SELECT id, agreement_id FROM data_controller')
      ).map((r) => [r.id, r.agreement_id]),
    );
    const key = (await app.get(ApiKeysService).create(null, { role: 'dpo', label: 'bench' })).key;
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const post = async (body: Record<string, unknown>): Promise<void> => {
      const res = await fetch(`${base}/incidents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== 201)
        throw new Error(`POST /incidents answered ${res.status}: ${text.slice(0, 300)}`);
    };
    const raw = new RawIntake(pool, keys.auditChain, agreementOf);
    await raw.init();

    console.log(
      `bench:intake — ${IN_FLIGHT} in flight, ${PER_INCIDENT} controllers per incident, ${MEASURED} intakes each, PostgreSQL ${version}, pool ${POOL_SIZE}`,
    );
    await drive(WARMUP, IN_FLIGHT, (i) => post(incidentBody(i, pick(controllers, i))));
    await drive(WARMUP, IN_FLIGHT, (i) => raw.create(i, pick(controllers, i)));
    const service = await drive(MEASURED, IN_FLIGHT, (i) => post(incidentBody(i, pick(controllers, i))));
    const straight = await drive(MEASURED, IN_FLIGHT, (i) => raw.create(i, pick(controllers, i)));
    console.log(line('service', service));
    console.log(line('raw pg', straight));
    console.log(
      `ratio    throughput ${(service.perSecond / straight.perSecond).toFixed(2)} of raw (target ≥ 0.5)   ` +
        `p99 ${(service.p99 / straight.p99).toFixed(2)} × raw (target ≤ 1)`,
    );

    const massStart = performance.now();
    const mass = await post({
      ...incidentBody(0, []),
      title: 'Bench mass breach',
      controllerIds: undefined,
      agreementIds: AGREEMENTS,
    }).then(
      () => 'ok',
      (error: Error) => error.message,
    );
    const massMs = performance.now() - massStart;
    const [{ affected }] = await ds.query<{ affected: number }[]>(
      `SELECT count(*)::int AS affected FROM incident_controller ic
        WHERE ic.incident_id = (SELECT id FROM incident WHERE title = 'Bench mass breach')`,
    );
    console.log(
      mass === 'ok'
        ? `one intake affecting ${affected} controllers (4 agreements): ${ms(massMs)} (target ≤ 3000 ms)`
        : `one intake affecting ${MASS} controllers (4 agreements) FAILED after ${ms(massMs)}: ${mass}`,
    );
    const verify = await fetch(`${base}/audit/verify`, { headers: { Authorization: `Bearer ${key}` } });
    console.log(`audit chain after the run: ${JSON.stringify(await verify.json())}`);
  } finally {
    await pool.end();
    await app.close();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
