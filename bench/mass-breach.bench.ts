/**
 * npm run bench:mass-breach — one breach across a processor's whole customer base. 2,000 controllers under the four
 * built-in agreements, in en, nb and de; one incident affecting all of them (POST /incidents with agreementIds); the
 * initial notice to every one started as one notice job (POST /incidents/:id/notices), each rendered (HTML, text,
 * PDF, JSON), stored and e-mailed to an SMTP server this bench runs. Prints the intake time, the time until all 2,000
 * were delivered, the alert scan and GET /deadlines over the ~4,000 obligations, GET /incidents/:id with all of them,
 * the CPU time per notice, and the peak RSS of the process.
 * Targets on a 2-core machine: intake ≤ 3 s, delivered ≤ 60 s, scan ≤ 20 ms, deadlines ≤ 50 ms, peak RSS ≤ 400 MB.
 *
 * The service runs in this process, compiled as `npm run start:prod` runs it (the script builds it and this bench
 * first: under ts-node the process would also hold the TypeScript compiler, in its PDF worker too, some 150 MB that
 * production does not have). So the RSS measured is the service's plus this bench's own (the SMTP receiver, the HTTP
 * client): an upper bound. It is sampled every 20 ms, and the kernel's high-water mark (VmHWM) is printed beside it.
 *
 * Uses its own database `breach_desk_mass_breach`, made afresh each run: on the server of DATABASE_URL, else in an
 * embedded PostgreSQL in a temporary directory.
 */
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/access/api-keys.service';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { loadConfig } from '../src/config/config';
import { ServiceKeys } from '../src/config/service-keys';
import { useEmbeddedPostgres } from '../src/database/embedded-postgres.driver';
import { AlertsService } from '../src/obligations/alerts.service';
import { OutboxWorker } from '../src/outbox/outbox.worker';

const CONTROLLERS = Number(process.env.BENCH_CONTROLLERS ?? 2_000);
const RUNS = 50;
const BENCH_DB = 'breach_desk_mass_breach';

/** The four built-in agreements, and the languages their controllers signed in (three in all: en, nb, de). */
const AGREEMENTS: { id: string; languages: ('en' | 'nb' | 'de')[] }[] = [
  { id: 'videonor', languages: ['nb', 'en'] },
  { id: 'dotnet-internals', languages: ['en', 'nb'] },
  { id: 'decision-beacon', languages: ['en', 'nb'] },
  { id: 'alfaview', languages: ['de', 'en'] },
];

async function freshDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    const admin = new Client({ connectionString: config.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    await admin.end();
    const url = new URL(config.DATABASE_URL);
    url.pathname = `/${BENCH_DB}`;
    return { url: url.toString(), stop: () => Promise.resolve() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'breach-desk-mass-'));
  const db = await useEmbeddedPostgres({ dir: join(dir, 'pg'), port: 0, database: BENCH_DB });
  return {
    url: db.url,
    stop: async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Set-up, not measured: the controllers go in with one statement (their intake is not what this measures). */
async function loadControllers(ds: DataSource): Promise<void> {
  const rows = Array.from({ length: CONTROLLERS }, (_, i) => {
    const agreement = AGREEMENTS[i % AGREEMENTS.length];
    const language = agreement.languages[Math.floor(i / AGREEMENTS.length) % agreement.languages.length];
    const german = agreement.id === 'alfaview';
    return {
      name: `Controller ${i}`,
      country: german ? 'DE' : 'NO',
      authority: german ? 'de-bw-lfdi' : 'no-datatilsynet',
      zone: german ? 'Europe/Berlin' : 'Europe/Oslo',
      agreement: agreement.id,
      language,
      contact: { name: 'On call', email: `oncall${i}@controller${i}.example` },
      dpo: { name: 'DPO', email: `dpo${i}@controller${i}.example` },
    };
  });
  await ds.query(
    `INSERT INTO data_controller (name, country, authority_id, time_zone, agreement_id, language, breach_contact, dpo)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(name text, country text, authority text, zone text, agreement text, language text, contact jsonb, dpo jsonb)`,
    [JSON.stringify(rows)],
  );
}

function stats(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p99: at(0.99) };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p99: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

/** CPU seconds (user + system) a process has used, from /proc: for the PostgreSQL backends serving the service. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0; // a backend that ended meanwhile
  }
}

/**
 * CPU time spent from here until `stop()`: this process (all its threads: the service, its PDF workers, the bench's
 * SMTP receiver) and the database's backends. Unlike the wall-clock times it hardly depends on what else the machine
 * runs, so it compares runs on a loaded machine.
 */
async function cpuMeter(ds: DataSource): Promise<() => Promise<{ service: number; database: number }>> {
  const backends = async () =>
    (
      await ds.query<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
    ).map((r) => r.pid);
  const before = new Map((await backends()).map((pid) => [pid, processCpuSeconds(pid)]));
  const start = process.cpuUsage();
  return async () => {
    const used = process.cpuUsage(start);
    let database = 0;
    for (const pid of await backends()) database += processCpuSeconds(pid) - (before.get(pid) ?? 0);
    return { service: (used.user + used.system) / 1e6, database };
  };
}

function vmHwmMb(): number | null {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  let delivered = 0;
  let allDelivered: () => void = () => undefined;
  const everyone = new Promise<void>((resolve) => (allDelivered = resolve));
  const recipients = new Set<string>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      recipients.add(address.address);
      done();
    },
    onData(stream, _session, done) {
      stream.on('data', () => undefined); // read, not kept: the bench's memory is not the service's
      stream.on('end', () => {
        if (++delivered === CONTROLLERS) allDelivered();
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));

  const db = await freshDatabase();
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    ALERT_SCAN_INTERVAL_SECONDS: '0',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
  });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, db.url, ServiceKeys.random()),
    { bodyParser: false, logger: false },
  );
  configureApp(app);
  await app.init();
  try {
    const ds = app.get(DataSource);
    const [{ server_version: version }] = await ds.query<{ server_version: string }[]>('SHOW server_version');
    console.log(
      `bench:mass-breach — ${CONTROLLERS.toLocaleString('en')} controllers, ${AGREEMENTS.length} agreements, PostgreSQL ${version}`,
    );
    await loadControllers(ds);
    const key = (await app.get(ApiKeysService).create(null, { role: 'dpo', label: 'bench' })).key;
    const http = request(app.getHttpServer());
    const auth = { Authorization: `Bearer ${key}` };

    const intakeStart = performance.now();
    const intake = await http
      .post('/incidents')
      .set(auth)
      .send({
        title: 'Shared platform: a misconfigured bucket exposed recordings of every tenant',
        description:
          'An access policy change made the recordings bucket of the shared platform world-readable.',
        discoveredAt: new Date(Date.now() - 60 * 60 * 1000).toISOString().replace('Z', '+00:00'),
        source: 'own-systems',
        breachTypes: ['confidentiality'],
        agreementIds: AGREEMENTS.map((a) => a.id),
      });
    const intakeMs = performance.now() - intakeStart;
    if (intake.status !== 201)
      throw new Error(`POST /incidents answered ${intake.status}: ${JSON.stringify(intake.body)}`);
    const incidentId = (intake.body as { id: string }).id;
    const [{ n: obligations }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM obligation`);

    const cpu = await cpuMeter(ds);
    const jobStart = performance.now();
    const started = await http.post(`/incidents/${incidentId}/notices`).set(auth).send({ phase: 'initial' });
    const startMs = performance.now() - jobStart;
    if (started.status !== 202)
      throw new Error(`POST …/notices answered ${started.status}: ${JSON.stringify(started.body)}`);
    const jobId = (started.body as { id: string }).id;
    // Bounded, so that a run that misses the target by far still prints what it reached.
    const capMs = Number(process.env.BENCH_CAP_SECONDS ?? 300) * 1000;
    const timeout = setTimeout(() => allDelivered(), capMs);
    await everyone;
    clearTimeout(timeout);
    const deliveredMs = performance.now() - jobStart;
    const reached = delivered;
    // The last e-mail is in; its delivery is recorded a moment later. The job's own view says when all is done.
    let job: { done: number; failed: number; pending: number; waiting: number; percentDone: number };
    for (;;) {
      job = (await http.get(`/incidents/${incidentId}/notices/${jobId}`).set(auth)).body as typeof job;
      if (job.pending === 0 || reached < CONTROLLERS) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const doneMs = performance.now() - jobStart;
    const jobCpu = await cpu();
    // The rest of the job is not waited for: pause the worker so that it does not weigh on the timings below.
    await app.get(OutboxWorker).pause();
    const [{ n: filings }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM filing WHERE status = 'delivered'`,
    );
    const [{ n: documents }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM filing_document`,
    );

    const alerts = app.get(AlertsService);
    const scan = await time(RUNS, () => alerts.scan());
    let rows6h = 0;
    const deadlines6h = await time(RUNS, async () => {
      const res = await http.get('/deadlines?before=%2B6h').set(auth);
      if (res.status !== 200) throw new Error(`GET /deadlines answered ${res.status}`);
      rows6h = (res.body as unknown[]).length;
    });
    let rowsAll = 0;
    const deadlinesAll = await time(RUNS, async () => {
      const res = await http.get('/deadlines').set(auth);
      if (res.status !== 200) throw new Error(`GET /deadlines answered ${res.status}`);
      rowsAll = (res.body as unknown[]).length;
    });
    clearInterval(sampler);
    console.log('');
    console.log(
      `intake (POST /incidents, ${obligations.toLocaleString('en')} obligations)   ${s(intakeMs)}   target ≤ 3 s`,
    );
    console.log(`job started (POST …/notices, 202)                    ${s(startMs)}`);
    console.log(
      `${reached === CONTROLLERS ? 'all' : `only ${reached} of`} ${CONTROLLERS.toLocaleString('en')} e-mailed (last one received by SMTP)     ${s(deliveredMs)}   target ≤ 60 s   (${(
        (reached * 1000) /
        deliveredMs
      ).toFixed(0)} notices/s)`,
    );
    console.log(
      `job done per its own view                           ${s(doneMs)}   done ${job.done}, failed ${job.failed}, waiting ${job.waiting}, ${job.percentDone} %`,
    );
    console.log(
      `  ${filings} filings delivered, ${documents} documents stored, ${recipients.size} distinct recipients, ${delivered} e-mails`,
    );
    console.log(
      `  CPU per notice: ${((jobCpu.service * 1000) / Math.max(1, reached)).toFixed(1)} ms in this process (all threads), ${((jobCpu.database * 1000) / Math.max(1, reached)).toFixed(1)} ms in PostgreSQL's backends`,
    );
    console.log(
      `alert scan (AlertsService.scan)                     median ${ms(scan.median)}   p99 ${ms(scan.p99)}   target ≤ 20 ms`,
    );
    console.log(
      `GET /deadlines?before=+6h (${rows6h} rows)                median ${ms(deadlines6h.median)}   p99 ${ms(deadlines6h.p99)}   target ≤ 50 ms`,
    );
    console.log(
      `GET /deadlines (${rowsAll} rows)                      median ${ms(deadlinesAll.median)}   p99 ${ms(deadlinesAll.p99)}`,
    );
    const hwm = vmHwmMb();
    console.log(
      `peak RSS (sampled every 20 ms)                      ${mb(peakRss)}${hwm ? `   VmHWM ${hwm.toFixed(0)} MB` : ''}   target ≤ 400 MB`,
    );
    // After the memory figures: the incident itself, with every one of its obligations (its response keeps them all).
    const incidentGet = await time(10, async () => {
      const res = await http.get(`/incidents/${incidentId}`).set(auth);
      if (res.status !== 200) throw new Error(`GET /incidents/:id answered ${res.status}`);
    });
    console.log(
      `GET /incidents/:id (${obligations.toLocaleString('en')} obligations)          median ${ms(incidentGet.median)}   p99 ${ms(incidentGet.p99)}`,
    );
  } finally {
    clearInterval(sampler);
    await app.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
