import { randomUUID } from 'node:crypto';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** `[[[ ... 'x' ... ]]]` with `levels` arrays. */
function nestedArrays(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('input: nothing bad let in', () => {
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

  describe('strings PostgreSQL cannot store', () => {
    it('refuses a NUL byte in a body string with 400 naming the field', async () => {
      const { status, body } = await admin.post('/incidents').send(incidentBody({ title: 'Relay\u0000' }));
      expect(status).toBe(400);
      expect(body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request: title',
        details: [{ field: 'title', messages: ['must not contain NUL characters'] }],
      });
    });

    it('refuses a lone surrogate in a nested field, named by its path', async () => {
      const { status, body } = await admin
        .post('/controllers')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(controllerBody({ dpo: { name: 'Ola \ud800', email: 'dpo@fjord.example' } })));
      expect(status).toBe(400);
      expect(body.details).toEqual([
        { field: 'dpo.name', messages: ['must not contain unpaired UTF-16 surrogates (not valid Unicode)'] },
      ]);
    });

    it('checks object keys too', async () => {
      const { status, body } = await admin.post('/incidents').send({ ...incidentBody(), 'x\u0000': 1 });
      expect(status).toBe(400);
      expect(body.details).toEqual([
        { field: 'x\\u0000', messages: ['its name must not contain NUL characters'] },
      ]);
    });

    it('refuses a NUL byte in a query parameter, named by the parameter', async () => {
      const { status, body } = await admin.get('/audit?entityType=agreement%00');
      expect(status).toBe(400);
      expect(body.details).toEqual([{ field: 'entityType', messages: ['must not contain NUL characters'] }]);
    });

    it('refuses a NUL byte in a path parameter, named by its route parameter', async () => {
      const incident = (await admin.post('/incidents').send(incidentBody())).body;
      const byId = await admin.get('/agreements/videonor%00');
      expect(byId.status).toBe(400);
      expect(byId.body.details).toEqual([{ field: 'id', messages: ['must not contain NUL characters'] }]);
      const byName = await admin.get(`/incidents/${incident.id}/obligations/x%00`);
      expect(byName.status).toBe(400);
      expect(byName.body.details).toEqual([
        { field: 'obligationId', messages: ['must not contain NUL characters'] },
      ]);
    });

    it('answers 400 for a path that is not UTF-8 (the only way a lone surrogate can come in a URL)', async () => {
      const { status, body } = await admin.get('/agreements/%ED%A0%80');
      expect(status).toBe(400);
      expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
    });
  });

  describe('nesting', () => {
    it('takes 32 levels of JSON and refuses 33 with 400 naming the outermost field', async () => {
      // 32 levels: the body object and 31 arrays; past the depth check, validation says what is wrong with it.
      const deepEnough = await admin.post('/incidents').send(incidentBody({ title: nestedArrays(31) }));
      expect(deepEnough.status).toBe(400);
      expect(deepEnough.body.details).toEqual([
        { field: 'title', messages: expect.arrayContaining(['title must be a string']) },
      ]);

      const tooDeep = await admin.post('/incidents').send(incidentBody({ title: nestedArrays(32) }));
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.details).toEqual([
        { field: 'title', messages: ['must not be nested deeper than 32 levels'] },
      ]);
    });

    it('refuses 100,000 levels the same way, without a stack overflow', async () => {
      const text = `{"title":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const { status, body } = await admin
        .post('/incidents')
        .set('Content-Type', 'application/json')
        .send(text);
      expect(status).toBe(400);
      expect(body.details).toEqual([
        { field: 'title', messages: ['must not be nested deeper than 32 levels'] },
      ]);
    });

    it('refuses an array where the body object belongs', async () => {
      const { status, body } = await admin.post('/keys').send([{ role: 'dpo' }]);
      expect(status).toBe(400);
      expect(body.details).toEqual([{ field: 'body', messages: ['must be a JSON object'] }]);
    });
  });

  describe('dates', () => {
    it.each([
      '2026-02-30T10:00:00Z',
      '2026-04-31T10:00:00+02:00',
      '2026-11-22T24:00:00Z',
      '2026-11-22T10:00:00',
    ])('refuses %s with 400 naming the field', async (discoveredAt) => {
      const { status, body } = await admin.post('/incidents').send(incidentBody({ discoveredAt }));
      expect(status).toBe(400);
      expect(body.details).toEqual([{ field: 'discoveredAt', messages: [expect.any(String)] }]);
    });

    it('refuses an impossible date in a query too', async () => {
      const { status, body } = await admin.get('/incidents?from=2026-02-30T00:00:00Z');
      expect(status).toBe(400);
      expect(body.details).toEqual([{ field: 'from', messages: [expect.any(String)] }]);
    });
  });

  describe('nested objects', () => {
    it.each([
      ['missing', undefined],
      ['an array', []],
      ['null', null],
      ['a string', 'Ola'],
    ])('refuses a controller whose dpo is %s, naming it', async (_, dpo) => {
      const { status, body } = await admin.post('/controllers').send({ ...controllerBody(), dpo });
      expect(status).toBe(400);
      expect(body.details).toEqual([
        { field: 'dpo', messages: expect.arrayContaining(['dpo must be an object']) },
      ]);
    });

    it('refuses a controller without a breachContact, naming it', async () => {
      const { breachContact: _, ...rest } = controllerBody();
      const { status, body } = await admin.post('/controllers').send(rest);
      expect(status).toBe(400);
      expect(body.details).toEqual([{ field: 'breachContact', messages: [expect.any(String)] }]);
    });

    it('refuses [] for a nested object of an agreement profile and a publicCommunication', async () => {
      const agreement = (await admin.get('/agreements/videonor')).body;
      const { status, body } = await admin.put('/agreements/videonor').send({
        title: agreement.title,
        processor: agreement.processor,
        languages: agreement.languages,
        law: agreement.law,
        clauses: [],
        breachTerms: { ...agreement.breachTerms, requiredContent: {} },
      });
      expect(status).toBe(400);
      expect(body.details).toEqual(
        expect.arrayContaining([
          { field: 'clauses', messages: ['clauses must be an object'] },
          {
            field: 'breachTerms.requiredContent',
            messages: expect.arrayContaining(['requiredContent must be an array']),
          },
        ]),
      );

      const incident = (await admin.post('/incidents').send(incidentBody())).body;
      const decision = await admin
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind: 'risk', value: 'risk', reasoning: 'x', publicCommunication: [] });
      expect(decision.status).toBe(400);
      expect(decision.body.details).toEqual([
        { field: 'publicCommunication', messages: [expect.any(String)] },
      ]);
    });

    it('refuses controllerId: null on a controller key with 400, not a constraint error', async () => {
      const { status, body } = await admin.post('/keys').send({ role: 'controller', controllerId: null });
      expect(status).toBe(400);
      expect(body.details).toEqual([{ field: 'controllerId', messages: ['controllerId must be a UUID'] }]);
    });

    it('refuses services: null on an incident with 400', async () => {
      const incident = (await admin.post('/incidents').send(incidentBody())).body;
      const { status, body } = await admin.patch(`/incidents/${incident.id}`).send({ services: null });
      expect(status).toBe(400);
      expect(body.details).toEqual([{ field: 'services', messages: expect.any(Array) }]);
    });
  });

  describe('paging', () => {
    it.each(['/incidents', '/register'])(
      'takes offset 1,000,000,000 on %s and refuses one more',
      async (path) => {
        expect((await admin.get(`${path}?offset=1000000000`)).status).toBe(200);
        for (const offset of ['1000000001', '99999999999999999999', '-1', '1.5']) {
          const { status, body } = await admin.get(`${path}?offset=${offset}`);
          expect({ offset, status, details: body.details }).toEqual({
            offset,
            status: 400,
            details: [{ field: 'offset', messages: [expect.any(String)] }],
          });
        }
      },
    );

    it.each([
      ['/incidents', 500],
      ['/register', 5000],
      ['/deadlines', 1000],
      ['/audit', 1000],
    ])('refuses a limit past the maximum of %s', async (path, max) => {
      expect((await admin.get(`${path}?limit=${max}`)).status).toBe(200);
      for (const limit of [String(max + 1), '0', '99999999999999999999']) {
        const { status, body } = await admin.get(`${path}?limit=${limit}`);
        expect({ limit, status, details: body.details }).toEqual({
          limit,
          status: 400,
          details: [{ field: 'limit', messages: [expect.any(String)] }],
        });
      }
    });

    it('finds no agreement version past the integer range, and says 400 for one that is not a number', async () => {
      expect((await admin.get('/agreements/videonor/versions/99999999999')).status).toBe(404);
      expect((await admin.get('/agreements/videonor/versions/x')).status).toBe(400);
    });
  });

  describe('a malformed id in a path', () => {
    it('gets the same answer as a missing one, on every route with an id', async () => {
      const own = (await admin.post('/controllers').send(controllerBody())).body;
      const controllerKey = client(t, await createKey(t.app, 'controller', own.id));
      const incident = (await admin.post('/incidents').send(incidentBody({ controllerIds: [own.id] }))).body;
      const obligationId = incident.obligations[0].id as string;
      const routes: [Client, 'get' | 'post' | 'put' | 'patch' | 'delete', string, object?][] = [
        [admin, 'delete', '/keys/:id'],
        [admin, 'get', '/controllers/:id'],
        [admin, 'patch', '/controllers/:id', { name: 'Renamed' }],
        [admin, 'post', '/controllers/:id/webhook-secret'],
        [
          admin,
          'post',
          '/controllers/:id/instructions',
          {
            scope: 'authority-notification',
            givenBy: 'Ola',
            givenAt: '2026-11-22T10:00:00Z',
            reference: 'x',
          },
        ],
        [admin, 'get', '/controllers/:id/instructions'],
        [admin, 'get', '/controllers/:id/assistance'],
        [admin, 'get', '/incidents/:id'],
        [admin, 'patch', '/incidents/:id', { title: 'Renamed' }],
        [admin, 'post', '/incidents/:id/controllers', { controllerIds: [own.id] }],
        [admin, 'post', '/incidents/:id/timeline', { text: 'A note' }],
        [admin, 'get', '/incidents/:id/form'],
        [admin, 'put', '/incidents/:id/form/initial', { fields: {} }],
        [admin, 'post', '/incidents/:id/form/initial/complete'],
        [admin, 'get', `/incidents/:id/authority-form?controllerId=${own.id}`],
        [admin, 'post', '/incidents/:id/decisions', { kind: 'risk', value: 'risk', reasoning: 'Because' }],
        [admin, 'get', '/incidents/:id/decisions'],
        [admin, 'get', '/incidents/:id/filings'],
        [
          admin,
          'post',
          '/incidents/:id/assistance',
          { controllerId: own.id, minutes: 5, description: 'Call' },
        ],
        [admin, 'get', `/incidents/:id/obligations/${obligationId}`],
        [admin, 'get', `/incidents/${incident.id}/obligations/:id`],
        [
          admin,
          'post',
          `/incidents/${incident.id}/obligations/:id/anchor`,
          { anchorAt: '2026-11-22T10:00:00Z', reason: 'Phone call' },
        ],
        [admin, 'post', `/incidents/${incident.id}/obligations/:id/met`, {}],
        [admin, 'post', `/incidents/${incident.id}/obligations/:id/not-required`, { reasoning: 'None owed' }],
        [
          admin,
          'post',
          `/incidents/${incident.id}/obligations/:id/filings`,
          { phase: 'initial', channel: 'manual', sentBy: 'Kari', via: 'phone' },
        ],
        [admin, 'get', '/filings/:id'],
        [admin, 'get', '/filings/:id/document.pdf'],
        [controllerKey, 'post', '/notices/:id/ack'],
      ];
      for (const [as, method, route, body] of routes) {
        const answer = async (id: string) => {
          const res = await as[method](route.replace(':id', encodeURIComponent(id))).send(body ?? {});
          return {
            route,
            status: res.status,
            body: JSON.parse(JSON.stringify(res.body).split(id).join('<id>')),
          };
        };
        const missing = await answer(randomUUID());
        expect(missing.status).toBe(404);
        for (const malformed of ['not-a-uuid', '12345', "1' OR '1'='1", 'x'.repeat(300)])
          expect(await answer(malformed)).toEqual(missing);
      }
    });
  });
});
