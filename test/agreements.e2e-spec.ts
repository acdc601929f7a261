import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgreementsService, BUILTIN_PROFILES_DIR } from '../src/agreements/agreements.service';
import { agreementBody, termsOf } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

describe('agreements', () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
  });
  afterAll(() => t.close());

  describe('GET /agreements', () => {
    it('lists the four built-in profiles, Videonor in two languages', async () => {
      const { status, body } = await admin.get('/agreements');
      expect(status).toBe(200);
      expect(body.map((a: { id: string }) => a.id)).toEqual([
        'alfaview',
        'decision-beacon',
        'dotnet-internals',
        'videonor',
      ]);
      expect(body.find((a: { id: string }) => a.id === 'videonor')).toMatchObject({
        languages: ['en', 'nb'],
        version: 1,
        builtin: true,
        source: 'builtin',
      });
    });
  });

  describe('GET /agreements/:id', () => {
    it('gives the profile with its terms and where each comes from', async () => {
      const { status, body } = await admin.get('/agreements/decision-beacon');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: 'decision-beacon',
        clauses: { breachNotice: '8.1', noticeContent: '8.2' },
        breachTerms: { standard: 'within-hours', hours: 48, basis: 'contractual', coversSubprocessors: true },
        sources: { 'breachTerms.hours': expect.stringContaining('48 hours') },
        version: 1,
        currentVersion: 1,
      });
    });

    it('answers 404 for an unknown agreement', async () => {
      const { status, body } = await admin.get('/agreements/nope');
      expect(status).toBe(404);
      expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Unknown agreement: nope' });
    });
  });

  describe('POST /agreements', () => {
    it('adds a sixth agreement without code', async () => {
      const input = agreementBody();
      const { status, body } = await admin.post('/agreements').send(input);
      expect(status).toBe(201);
      expect(body).toEqual({
        ...input,
        version: 1,
        currentVersion: 1,
        source: 'api',
        builtin: false,
        versionCreatedAt: expect.any(String),
        createdAt: expect.any(String),
      });
      const list = await admin.get('/agreements');
      expect(list.body).toHaveLength(5);
    });

    it('refuses an id that exists with 409', async () => {
      const { status, body } = await admin.post('/agreements').send(agreementBody({ id: 'videonor' }));
      expect(status).toBe(409);
      expect(body.message).toBe('Agreement videonor already exists');
    });

    it('names every bad field with 400', async () => {
      const input = agreementBody({ id: 'Bad Id' }) as unknown as Record<string, unknown>;
      input.languages = ['en', 'sv'];
      input.breachTerms = {
        ...(input.breachTerms as object),
        standard: 'whenever',
        requiredContent: [{ item: 'e', when: 'always' }],
      };
      input.processor = { breachContact: { email: 'not-an-email' } };
      input.unexpected = true;
      const { status, body } = await admin.post('/agreements').send(input);
      expect(status).toBe(400);
      expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(
        [
          'breachTerms.requiredContent.0.item',
          'breachTerms.standard',
          'id',
          'languages',
          'processor.breachContact.email',
          'processor.name',
          'unexpected',
        ].sort(),
      );
    });

    it('refuses inconsistent terms with 422 naming the fields', async () => {
      const input = agreementBody();
      input.breachTerms = { ...input.breachTerms, standard: 'within-hours', hours: null, basis: 'target' };
      const { status, body } = await admin.post('/agreements').send(input);
      expect(status).toBe(422);
      expect(body.details).toEqual([
        { field: 'breachTerms.hours', messages: [expect.any(String)] },
        { field: 'breachTerms.basis', messages: [expect.any(String)] },
      ]);
      expect((await admin.get(`/agreements/${input.id}`)).status).toBe(404);
    });
  });

  describe('PUT /agreements/:id', () => {
    it('makes a new version; the earlier one stays readable', async () => {
      const terms = termsOf((await admin.get('/agreements/dotnet-internals')).body);
      const changed = { ...terms, breachTerms: { ...(terms.breachTerms as object), hours: 12 } };

      const put = await admin.put('/agreements/dotnet-internals').send(changed);
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        version: 2,
        currentVersion: 2,
        source: 'api',
        breachTerms: { hours: 12 },
      });

      const v1 = await admin.get('/agreements/dotnet-internals/versions/1');
      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({ version: 1, currentVersion: 2, breachTerms: { hours: 24 } });
      expect((await admin.get('/agreements/dotnet-internals')).body.breachTerms.hours).toBe(12);
    });

    it('adds no version for an unchanged body', async () => {
      const terms = termsOf((await admin.get('/agreements/alfaview')).body);
      const put = await admin.put('/agreements/alfaview').send({ id: 'alfaview', ...terms });
      expect(put.status).toBe(200);
      expect(put.body.version).toBe(1);
    });

    it('refuses a body naming another agreement, and an unknown agreement', async () => {
      const { id: _id, ...terms } = agreementBody();
      const mismatch = await admin.put('/agreements/alfaview').send({ id: 'videonor', ...terms });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.details).toEqual([{ field: 'id', messages: [expect.any(String)] }]);
      expect((await admin.put('/agreements/nope').send(terms)).status).toBe(404);
    });

    it('answers 404 for a version that does not exist and 400 for one that is not a number', async () => {
      expect((await admin.get('/agreements/videonor/versions/7')).status).toBe(404);
      expect((await admin.get('/agreements/videonor/versions/x')).status).toBe(400);
    });
  });

  describe('GET /agreements/:id/lint', () => {
    it('finds nothing wrong with the built-in agreements', async () => {
      for (const id of ['videonor', 'dotnet-internals', 'decision-beacon', 'alfaview']) {
        const { status, body } = await admin.get(`/agreements/${id}/lint`);
        expect(status).toBe(200);
        expect(body).toEqual({ agreementId: id, version: 1, warnings: [] });
      }
    });

    it('warns about a short controller margin, a missing target, and a chain past 72 h', async () => {
      const long = agreementBody();
      long.breachTerms = { ...long.breachTerms, hours: 60 };
      long.subprocessors = [{ name: 'Slow Cloud', noticeHours: 24 }];
      await admin.post('/agreements').send(long).expect(201);
      const noTarget = agreementBody();
      noTarget.breachTerms = {
        ...noTarget.breachTerms,
        standard: 'immediately',
        hours: null,
        basis: 'target',
      };
      await admin.post('/agreements').send(noTarget).expect(201);

      const a = await admin.get(`/agreements/${long.id}/lint`);
      expect(a.body.warnings.map((w: { code: string }) => w.code)).toEqual([
        'controller-margin-below-24h',
        'subprocessor-chain-exceeds-72h',
      ]);
      const b = await admin.get(`/agreements/${noTarget.id}/lint`);
      expect(b.body.warnings).toEqual([
        {
          code: 'qualitative-standard-without-target',
          message: expect.any(String),
          figures: { defaultTargetHours: 4 },
        },
      ]);
    });
  });

  describe('built-in profiles at start-up', () => {
    it('loads idempotently', async () => {
      const service = t.app.get(AgreementsService);
      await service.loadBuiltins();
      await Promise.all([service.loadBuiltins(), service.loadBuiltins()]);
      const { body } = await admin.get('/agreements');
      expect(body.map((a: { version: number }) => a.version)).toEqual([1, 1, 1, 1]);
    });

    it('adds one version when a shipped profile changes, but never over an edit made through the API', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
      cpSync(BUILTIN_PROFILES_DIR, dir, { recursive: true });
      const edit = (id: string, hours: number) => {
        const file = join(dir, `${id}.json`);
        const p = JSON.parse(readFileSync(file, 'utf8'));
        p.breachTerms.hours = hours;
        writeFileSync(file, JSON.stringify(p));
      };
      const alfa = termsOf((await admin.get('/agreements/alfaview')).body);
      await admin
        .put('/agreements/alfaview')
        .send({ ...alfa, title: 'Edited by our DPO' })
        .expect(200);

      edit('videonor', 12);
      edit('alfaview', 12);
      const service = t.app.get(AgreementsService);
      await service.loadBuiltins(dir);
      await service.loadBuiltins(dir);

      const videonor = (await admin.get('/agreements/videonor')).body;
      expect(videonor).toMatchObject({ version: 2, source: 'builtin', breachTerms: { hours: 12 } });
      const alfaview = (await admin.get('/agreements/alfaview')).body;
      expect(alfaview).toMatchObject({
        version: 2,
        source: 'api',
        title: 'Edited by our DPO',
        breachTerms: { hours: 24 },
      });
    });
  });
});
