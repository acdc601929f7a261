import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docxOf, emptyPdf, pdfOf } from './dpa-documents';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

const SEEDS = join(__dirname, '..', '..', 'shared', 'seeds');
const CORPUS = join(__dirname, 'fixtures', 'dpa');
const seed = (file: string) => readFileSync(join(SEEDS, file), 'utf8');
const fixture = (name: string) => readFileSync(join(CORPUS, `${name}.txt`), 'utf8');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Value {
  field: string;
  status: string;
  value: unknown;
  quote: string | null;
  clause: string | null;
  unsupported?: string;
}
const valueOf = (body: { values: Value[] }, field: string) => body.values.find((v) => v.field === field);

describe('POST /agreements/drafts', () => {
  let t: TestApp;
  let dpo: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.app);
    dpo = client(t, await createKey(t.app, 'dpo'));
    admin = client(t, await createKey(t.app, 'admin'));
  });
  afterAll(() => t.close());

  describe('reading', () => {
    it('drafts Dotnet Internals from its text, each value quoted with its clause, and saves nothing', async () => {
      const { status, body } = await dpo
        .post('/agreements/drafts')
        .send({ text: seed('002_8cae71615494c375.txt') });
      expect(status).toBe(200);
      expect(body.language).toMatchObject({ language: 'en', read: 'en', name: 'English' });
      expect(body.language.confidence).toBeGreaterThan(0.9);
      expect(body.profile).toMatchObject({
        id: 'dotnet-internals',
        processor: { name: 'Dotnet Internals AS', breachContact: { phone: '63 01 67 10' } },
        law: 'Norwegian law (14.2)',
        clauses: { breachNotice: '8.1', noticeContent: '8.2', phases: '8.2', thirdParties: '8.4' },
        breachTerms: {
          standard: 'without-undue-delay',
          hours: null,
          basis: 'target',
          trigger: 'any-breach',
          writtenForm: true,
          phased: true,
          thirdPartyDisclosure: 'forbidden-without-instruction',
          assistance: 'documented-costs',
        },
      });
      expect(valueOf(body, 'breachTerms.standard')).toEqual({
        field: 'breachTerms.standard',
        status: 'found',
        value: 'without-undue-delay',
        quote: expect.stringContaining('shall without undue delay, notify the Data Controller in writing'),
        clause: '8.1',
      });
      expect(valueOf(body, 'breachTerms.hours')).toMatchObject({ status: 'not-found', value: null });
      expect(valueOf(body, 'processor.breachContact.email')).toMatchObject({
        status: 'not-found',
        note: expect.stringContaining('not legible'),
      });
      expect(body.profile.sources['breachTerms.thirdPartyDisclosure']).toEqual(
        expect.stringContaining('8.4: "The Data Processor may not inform third parties'),
      );
      expect(body.problems).toEqual([]);
      expect(body.warnings.map((w: { code: string }) => w.code)).toEqual([
        'qualitative-standard-without-target',
      ]);
      expect(body.source).toEqual({ format: 'text', characters: expect.any(Number) });
      expect((await admin.get('/agreements')).body).toHaveLength(4);
    });

    it('is saved as it is, once its id is free, through POST /agreements', async () => {
      const { body } = await dpo.post('/agreements/drafts').send({ text: seed('004_3160e7d59a5a6658.txt') });
      expect(body.problems).toEqual([]);
      const saved = await admin.post('/agreements').send({ ...body.profile, id: 'alfaview-read' });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({
        id: 'alfaview-read',
        processor: { name: 'alfaview gmbh', address: 'Kriegsstr. 100, 76133 Karlsruhe' },
        breachTerms: { trigger: 'art33-34-conditions', actsForControllerOnlyOnInstruction: true },
        sources: {
          'breachTerms.trigger': expect.stringContaining('the conditions of Art. 33, 34 GDPR are fulfilled'),
        },
      });
    });

    it('reads a Norwegian text file, and says the language', async () => {
      const { status, body } = await dpo
        .post('/agreements/drafts')
        .attach('file', Buffer.from(seed('001_530068f4bc2ea69c.txt')), {
          filename: 'databehandleravtale.txt',
          contentType: 'text/plain; charset=utf-8',
        });
      expect(status).toBe(200);
      expect(body.language).toMatchObject({ language: 'nb', name: 'Norwegian bokmål' });
      expect(body.profile.breachTerms).toMatchObject({ standard: 'immediately', assistance: 'hourly-rates' });
      expect(valueOf(body, 'breachTerms.standard')?.quote).toContain(
        'må straks underrette den behandlingsansvarlige',
      );
      expect(body.source).toEqual({
        format: 'text',
        fileName: 'databehandleravtale.txt',
        characters: expect.any(Number),
      });
    });

    it('reads a PDF, and holds the backstop beside the standard (issue 15 part 3)', async () => {
      const pdf = await pdfOf(fixture('en-01-backstop'));
      const { status, body } = await dpo
        .post('/agreements/drafts')
        .attach('file', pdf, { filename: 'dpa.pdf', contentType: 'application/pdf' });
      expect(status).toBe(200);
      expect(body.source).toMatchObject({ format: 'pdf', fileName: 'dpa.pdf', pages: 1 });
      expect(body.profile.breachTerms).toMatchObject({
        standard: 'without-undue-delay',
        hours: null,
        basis: 'target',
        backstopHours: 36,
      });
      expect(body.deadline).toMatchObject({
        qualitative: 'without-undue-delay',
        amount: 36,
        unit: 'hours',
        firm: true,
        backstop: true,
        clause: '7.1',
      });
      expect(valueOf(body, 'breachTerms.backstopHours')).toMatchObject({
        status: 'found',
        value: 36,
        quote: expect.stringContaining('in any event within 36 hours'),
        clause: '7.1',
      });
      expect(body.unsupported).toEqual([]);
      expect(body.profile.subprocessors).toEqual([{ name: 'Fjordhost AB', noticeHours: 24 }]);
    });

    it('reads a DOCX in German', async () => {
      const { status, body } = await dpo
        .post('/agreements/drafts')
        .attach('file', docxOf(fixture('de-01-unverzueglich')), { filename: 'avv.docx', contentType: DOCX });
      expect(status).toBe(200);
      expect(body.language).toMatchObject({ language: 'de', name: 'German' });
      expect(body.source).toMatchObject({ format: 'docx', fileName: 'avv.docx' });
      expect(body.profile.processor).toMatchObject({ name: 'Datenwerk Süd GmbH' });
      expect(valueOf(body, 'breachTerms.standard')).toMatchObject({
        status: 'found',
        value: 'without-undue-delay',
        quote: expect.stringContaining('informiert den Auftraggeber unverzüglich in Textform'),
        clause: '§ 7',
      });
    });

    it('holds business days as days, never as hours, and the draft saves as it is (issue 15 part 3)', async () => {
      const { body } = await dpo.post('/agreements/drafts').send({ text: fixture('en-02-business-days') });
      expect(body.profile.breachTerms).toMatchObject({
        standard: 'within-business-days',
        hours: null,
        businessDays: 2,
        basis: 'contractual',
      });
      expect(body.deadline).toMatchObject({
        amount: 2,
        unit: 'business-days',
        hours: null,
        anchor: 'confirmation',
      });
      expect(valueOf(body, 'breachTerms.businessDays')).toMatchObject({
        status: 'inferred',
        value: 2,
        quote: expect.stringContaining('no later than two (2) business days'),
        note: expect.stringContaining('the earlier and so the stricter anchor'),
      });
      expect(body.problems).toEqual([]);
      const saved = await admin.post('/agreements').send(body.profile);
      expect(saved.status).toBe(201);
    });

    it('reads in the language asked for, whatever it detects', async () => {
      const { body } = await dpo
        .post('/agreements/drafts')
        .send({ text: fixture('da-02-straks'), language: 'nb' });
      expect(body.language).toMatchObject({ language: 'da', read: 'nb' });
    });
  });

  describe('refusing', () => {
    it('refuses a file over 5 MB with 413', async () => {
      const big = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
      const { status, body } = await dpo
        .post('/agreements/drafts')
        .attach('file', big, { filename: 'big.txt', contentType: 'text/plain' });
      expect(status).toBe(413);
      expect(body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'The file is larger than 5 MB',
      });
    });

    it('refuses a type it cannot read, naming the field', async () => {
      const { status, body } = await dpo
        .post('/agreements/drafts')
        .attach('file', Buffer.from('GIF89a'), { filename: 'scan.gif', contentType: 'image/gif' });
      expect(status).toBe(422);
      expect(body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'A file of type image/gif cannot be read',
        details: [{ field: 'file', messages: [expect.stringContaining('application/pdf')] }],
      });
    });

    it('refuses a file that is not what its type says, and a PDF with no text', async () => {
      const fake = await dpo.post('/agreements/drafts').attach('file', Buffer.from('not a pdf at all'), {
        filename: 'x.pdf',
        contentType: 'application/pdf',
      });
      expect(fake.status).toBe(422);
      expect(fake.body.details).toEqual([{ field: 'file', messages: ['the file is not a PDF'] }]);

      const broken = await dpo
        .post('/agreements/drafts')
        .attach('file', Buffer.from('PK\u0003\u0004 broken'), { filename: 'x.docx', contentType: DOCX });
      expect(broken.status).toBe(422);
      expect(broken.body.details[0].field).toBe('file');

      const scan = await dpo
        .post('/agreements/drafts')
        .attach('file', await emptyPdf(), { filename: 'scan.pdf', contentType: 'application/pdf' });
      expect(scan.status).toBe(422);
      expect(scan.body.message).toContain('text recognition');
    });

    it('asks for the agreement when none is given, and for one only when both are', async () => {
      const none = await dpo.post('/agreements/drafts').send({});
      expect(none.status).toBe(422);
      expect(none.body.details.map((d: { field: string }) => d.field)).toEqual(['file', 'text']);
      // null is no text (the fuzz test found it answered 500)
      const nulls = await dpo.post('/agreements/drafts').send({ text: null, language: null });
      expect(nulls.status).toBe(400);
      expect(nulls.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['language', 'text']);

      const both = await dpo
        .post('/agreements/drafts')
        .field('text', 'the agreement')
        .attach('file', Buffer.from(fixture('en-01-backstop')), {
          filename: 'a.txt',
          contentType: 'text/plain',
        });
      expect(both.status).toBe(422);
      expect(both.body.details).toEqual([{ field: 'text', messages: [expect.any(String)] }]);
    });

    it('names a file sent in another field, a bad language, and a body type it does not take', async () => {
      const field = await dpo
        .post('/agreements/drafts')
        .attach('document', Buffer.from('x'), { filename: 'a.txt', contentType: 'text/plain' });
      expect(field.status).toBe(422);
      expect(field.body.details).toEqual([{ field: 'document', messages: [expect.any(String)] }]);

      const language = await dpo.post('/agreements/drafts').send({ text: 'x', language: 'fi' });
      expect(language.status).toBe(400);
      expect(language.body.details).toEqual([{ field: 'language', messages: [expect.any(String)] }]);

      const raw = await dpo
        .post('/agreements/drafts')
        .set('Content-Type', 'application/pdf')
        .send('%PDF-1.4');
      expect(raw.status).toBe(415);
    });

    it('is for admins and DPOs only', async () => {
      const responder = client(t, await createKey(t.app, 'responder'));
      expect((await responder.post('/agreements/drafts').send({ text: 'x' })).status).toBe(403);
    });
  });
});
