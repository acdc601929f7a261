import { controllerBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

describe('controllers', () => {
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

  it('POST /controllers creates a controller; GET reads it back', async () => {
    const input = controllerBody({ webhookUrl: 'http://127.0.0.1:9999/breach-notices' });
    const { status, body } = await admin.post('/controllers').send(input);
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.any(String),
      ...input,
      timeZone: 'Europe/Oslo',
      regimes: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const read = await admin.get(`/controllers/${body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);
  });

  it('GET /controllers lists them', async () => {
    await admin
      .post('/controllers')
      .send(controllerBody({ name: 'B Kommune' }))
      .expect(201);
    await admin
      .post('/controllers')
      .send(
        controllerBody({
          name: 'A AG',
          country: 'DE',
          authorityId: 'de-bw-lfdi',
          agreementId: 'alfaview',
          language: 'de',
          timeZone: 'Europe/Berlin',
        }),
      )
      .expect(201);
    const { status, body } = await admin.get('/controllers');
    expect(status).toBe(200);
    expect(body.map((c: { name: string }) => c.name)).toEqual(['A AG', 'B Kommune']);
  });

  it('names every bad field with 400', async () => {
    const { status, body } = await admin.post('/controllers').send({
      name: '',
      country: 'Norway',
      authorityId: 'no-datatilsynet',
      agreementId: 'videonor',
      language: 'nb',
      breachContact: { name: 'Kari', email: 'no-at-sign' },
      dpo: { email: 'dpo@x.example' },
      webhookUrl: 'ftp://x',
      surprise: 1,
    });
    expect(status).toBe(400);
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['breachContact.email', 'country', 'dpo.name', 'name', 'surprise', 'webhookUrl'].sort(),
    );
    expect((await admin.get('/controllers')).body).toEqual([]);
  });

  it('answers 422 naming an unknown agreement, authority and time zone, and writes nothing', async () => {
    const { status, body } = await admin
      .post('/controllers')
      .send(
        controllerBody({ agreementId: 'no-such-dpa', authorityId: 'xx-nobody', timeZone: 'Europe/Atlantis' }),
      );
    expect(status).toBe(422);
    expect(body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'Invalid fields: agreementId, authorityId, timeZone',
      details: [
        { field: 'agreementId', messages: ['unknown agreement: no-such-dpa'] },
        { field: 'authorityId', messages: ['unknown authority: xx-nobody'] },
        { field: 'timeZone', messages: ['unknown time zone: Europe/Atlantis'] },
      ],
    });
    expect((await admin.get('/controllers')).body).toEqual([]);
  });

  it('answers 422 for a language the agreement was not signed in', async () => {
    const { status, body } = await admin
      .post('/controllers')
      .send(controllerBody({ agreementId: 'decision-beacon', language: 'nb' }));
    expect(status).toBe(422);
    expect(body.details).toEqual([
      { field: 'language', messages: ['agreement decision-beacon was signed in en, not in nb'] },
    ]);
  });

  describe('PATCH /controllers/:id', () => {
    it('changes what is sent and keeps the rest', async () => {
      const created = (
        await admin.post('/controllers').send(controllerBody({ webhookUrl: 'https://hooks.example/x' }))
      ).body;
      const { status, body } = await admin.patch(`/controllers/${created.id}`).send({
        timeZone: 'Europe/Berlin',
        dpo: { name: 'Ny DPO', email: 'ny@fjord.example' },
        webhookUrl: null,
      });
      expect(status).toBe(200);
      expect(body).toEqual({
        ...created,
        timeZone: 'Europe/Berlin',
        dpo: { name: 'Ny DPO', email: 'ny@fjord.example' },
        webhookUrl: null,
        updatedAt: expect.any(String),
      });
    });

    it('checks the merged result: a new agreement must have been signed in the controller language', async () => {
      const created = (await admin.post('/controllers').send(controllerBody({ language: 'nb' }))).body;
      const { status, body } = await admin
        .patch(`/controllers/${created.id}`)
        .send({ agreementId: 'alfaview' });
      expect(status).toBe(422);
      expect(body.details).toEqual([{ field: 'language', messages: [expect.stringContaining('not in nb')] }]);
      expect((await admin.get(`/controllers/${created.id}`)).body.agreementId).toBe('videonor');
    });

    it('refuses null for a required field with 400', async () => {
      const created = (await admin.post('/controllers').send(controllerBody())).body;
      const { status, body } = await admin
        .patch(`/controllers/${created.id}`)
        .send({ name: null, country: null });
      expect(status).toBe(400);
      expect(body.details.map((d: { field: string }) => d.field)).toEqual(['name', 'country']);
    });

    it('answers 404 for an unknown controller', async () => {
      expect(
        (await admin.patch('/controllers/6f1c4b0e-0000-4000-8000-000000000000').send({ name: 'x' })).status,
      ).toBe(404);
      expect((await admin.get('/controllers/not-a-uuid')).status).toBe(404);
    });
  });

  it('GET /authorities lists the built-in supervisory authorities', async () => {
    const { status, body } = await admin.get('/authorities');
    expect(status).toBe(200);
    const ids = body.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['no-datatilsynet', 'dk-datatilsynet', 'de-bw-lfdi']));
    expect(body.find((a: { id: string }) => a.id === 'no-datatilsynet')).toEqual({
      id: 'no-datatilsynet',
      name: expect.stringContaining('Datatilsynet'),
      country: 'NO',
      website: 'https://www.datatilsynet.no',
      notificationChannel: { kind: 'online-form', description: expect.any(String) },
      timeZone: 'Europe/Oslo',
      formStyle: 'datatilsynet',
      languages: ['nb', 'en'],
    });
    // Each authority in its own language (and English): Denmark's and Sweden's with forms of their own.
    const languages = Object.fromEntries(
      body.map((a: { id: string; formStyle: string; languages: string[] }) => [
        a.id,
        [a.formStyle, a.languages],
      ]),
    );
    expect(languages).toMatchObject({
      'dk-datatilsynet': ['dk-datatilsynet', ['da', 'en']],
      'se-imy': ['imy', ['sv', 'en']],
      'de-bw-lfdi': ['de-state', ['de', 'en']],
    });
    expect((await admin.get('/authorities/de-bw-lfdi')).body.country).toBe('DE');
    expect((await admin.get('/authorities/zz')).status).toBe(404);
  });
});
