import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ACCESS_METADATA, AccessRule } from '../src/access/access.decorator';
import { ROLES, Role } from '../src/access/roles';
import { FixedClock } from '../src/clock/clock';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TEST_KEYS, TestApp } from './utils';

const ALL: Role[] = ['admin', 'dpo', 'responder', 'controller'];
const STAFF: Role[] = ['admin', 'dpo', 'responder'];

/** The permission matrix, written out independently of the decorators. The README's table must say the same. */
const MATRIX: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /agreements': STAFF,
  'POST /agreements': ['admin'],
  'POST /agreements/drafts': ['admin', 'dpo'],
  'GET /agreements/:id': STAFF,
  'PUT /agreements/:id': ['admin'],
  'GET /agreements/:id/versions/:version': STAFF,
  'GET /agreements/:id/lint': STAFF,
  'GET /regimes': STAFF,
  'POST /regimes': ['admin'],
  'GET /regimes/:id': STAFF,
  'GET /regimes/:id/versions/:version': STAFF,
  'GET /authorities': ALL,
  'GET /authorities/:id': ALL,
  'POST /controllers': ['admin'],
  'GET /controllers': ALL,
  'GET /controllers/:id': ALL,
  'PATCH /controllers/:id': ['admin'],
  'POST /keys': ['admin'],
  'GET /keys': ['admin'],
  'DELETE /keys/:id': ['admin'],
  'GET /audit': ['admin', 'dpo'],
  'GET /audit/verify': ['admin', 'dpo'],
  'POST /audit/verify': ['admin', 'dpo'],
  'POST /audit/checkpoints': ['admin', 'dpo'],
  'POST /incidents': ['admin', 'dpo', 'responder'],
  'GET /incidents': ALL,
  'GET /incidents/:id': ALL,
  'PATCH /incidents/:id': ['admin', 'dpo'],
  'POST /incidents/:id/controllers': ['admin', 'dpo'],
  'POST /incidents/:id/timeline': ['admin', 'dpo', 'responder'],
  'GET /incidents/:incidentId/obligations': ALL,
  'POST /incidents/:incidentId/obligations': ['admin', 'dpo'],
  'GET /incidents/:incidentId/obligations/:obligationId': ALL,
  'POST /incidents/:incidentId/obligations/:obligationId/anchor': ['admin', 'dpo', 'controller'],
  'POST /incidents/:incidentId/obligations/:obligationId/met': ['admin', 'dpo', 'controller'],
  'POST /incidents/:incidentId/obligations/:obligationId/not-required': ['admin', 'dpo'],
  'GET /deadlines': ALL,
  'GET /incidents/:id/form': STAFF,
  'PUT /incidents/:id/form/:phase': STAFF,
  'POST /incidents/:id/form/:phase/complete': STAFF,
  'GET /incidents/:id/authority-form': ['admin', 'dpo', 'controller'],
  'POST /incidents/:id/decisions': ['admin', 'dpo'],
  'GET /incidents/:id/decisions': ['admin', 'dpo', 'controller'],
  'GET /register': ['admin', 'dpo', 'controller'],
  'POST /incidents/:id/obligations/:obligationId/filings': ['admin', 'dpo', 'controller'],
  'GET /incidents/:id/obligations/:obligationId/preview.:format': ['admin', 'dpo'],
  'GET /incidents/:id/filings': ['admin', 'dpo', 'controller'],
  'GET /incidents/:id/reports/:regime/:stage': ['admin', 'dpo'],
  'GET /incidents/:id/reports/:regime/:stage.:format': ['admin', 'dpo'],
  'POST /incidents/:id/notices': ['admin', 'dpo'],
  'GET /incidents/:id/notices': ['admin', 'dpo'],
  'GET /incidents/:id/notices/:jobId': ['admin', 'dpo'],
  'GET /filings/:id': ['admin', 'dpo', 'controller'],
  'GET /filings/:id/document.:format': ['admin', 'dpo', 'controller'],
  'POST /notices/:filingId/ack': ['controller'],
  'POST /controllers/:id/instructions': ['admin', 'dpo', 'controller'],
  'GET /controllers/:id/instructions': ['admin', 'dpo', 'controller'],
  'POST /controllers/:id/webhook-secret': ['admin'],
  'GET /schemas/breach-notice-v1.json': 'public',
  'POST /incidents/:id/assistance': ['admin', 'dpo'],
  'GET /controllers/:id/assistance': ['admin', 'dpo', 'controller'],
  'GET /metrics': ['admin'],
  'POST /users': ['admin'],
  'GET /users': ['admin'],
  'PATCH /users/:id': ['admin'],
  'POST /users/:id/password-link': ['admin'],
  'POST /auth/sign-in': 'public',
  'POST /auth/sign-out': ALL,
  'GET /auth/me': ALL,
  'PATCH /auth/me': ALL,
  'POST /auth/totp': ALL,
  'POST /auth/totp/confirm': ALL,
  'DELETE /auth/totp': ALL,
  'POST /auth/first-run': 'public',
  'POST /auth/set-password': 'public',
};

/** The web app's pages (HTML, not in the API docs or the README's matrix): the roles of the API they read. */
const PAGES: Record<string, Role[] | 'public'> = {
  'GET /': ['admin', 'dpo', 'responder'],
  'GET /assets/:name': 'public',
  'GET /ui/register': ['admin', 'dpo', 'controller'],
  'GET /ui/portal': ['controller'],
  'GET /ui/portal/incidents/:id': ['controller'],
  'GET /ui/agreements': ['admin', 'dpo', 'responder'],
  'GET /ui/agreements/new': ['admin'],
  'GET /ui/agreements/drafts': ['admin', 'dpo'],
  'GET /ui/agreements/:id': ['admin', 'dpo', 'responder'],
  'GET /ui/controllers': ['admin'],
  'GET /ui/controllers/:id': ['admin'],
  'GET /ui/keys': ['admin'],
  'GET /ui/incidents': ['admin', 'dpo', 'responder'],
  'GET /ui/incidents/new': ['admin', 'dpo', 'responder'],
  'GET /ui/incidents/:id': ['admin', 'dpo', 'responder'],
  'GET /ui/incidents/:id/walk-through': ['admin', 'dpo', 'responder'],
  'GET /ui/incidents/:id/decisions': ['admin', 'dpo'],
  'GET /ui/incidents/:id/letters': ['admin', 'dpo'],
  'GET /ui/incidents/:id/authority-form': ['admin', 'dpo'],
  'GET /ui/sign-in': 'public',
  'GET /ui/first-run': 'public',
  'GET /ui/set-password': 'public',
  'GET /ui/account': ALL,
  'GET /ui/users': ['admin'],
};

/** Every route: the API's and the pages'. */
const ROUTES: Record<string, Role[] | 'public'> = { ...MATRIX, ...PAGES };

interface DiscoveredRoute {
  route: string;
  rule: AccessRule | undefined;
}

/** Every handler of every controller in the app, with its access declaration. */
function discoverRoutes(t: TestApp): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { prototype: object } | undefined;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const full = `/${[base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        const rule = (Reflect.getMetadata(ACCESS_METADATA, handler) ??
          Reflect.getMetadata(ACCESS_METADATA, type)) as AccessRule | undefined;
        routes.push({ route: `${RequestMethod[method]} ${full}`, rule });
      }
    }
  }
  return routes;
}

describe('access', () => {
  let t: TestApp;
  let keys: Record<Role, string>;
  let as: Record<Role | 'none', Client>;
  let ownControllerId: string;
  let otherControllerId: string;
  let incidentId: string;
  let authorityObligationId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.app);
    const admin = client(t, await createKey(t.app, 'admin'));
    ownControllerId = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Own AS' }))
        .expect(201)
    ).body.id;
    otherControllerId = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Other AS' }))
        .expect(201)
    ).body.id;
    keys = {
      admin: await createKey(t.app, 'admin'),
      dpo: await createKey(t.app, 'dpo'),
      responder: await createKey(t.app, 'responder'),
      controller: await createKey(t.app, 'controller', ownControllerId),
    };
    const incident = (
      await admin
        .post('/incidents')
        .send(incidentBody({ controllerIds: [ownControllerId] }))
        .expect(201)
    ).body;
    incidentId = incident.id;
    authorityObligationId = incident.obligations.find(
      (o: { hop: string }) => o.hop === 'controller-to-authority',
    ).id;
    as = {
      none: client(t),
      admin: client(t, keys.admin),
      dpo: client(t, keys.dpo),
      responder: client(t, keys.responder),
      controller: client(t, keys.controller),
    };
  });
  afterAll(() => t.close());

  describe('the route walk', () => {
    it('finds every route declared, and every route in the matrix', () => {
      const routes = discoverRoutes(t);
      expect(routes.filter((r) => !r.rule).map((r) => r.route)).toEqual([]);
      expect(routes.map((r) => r.route).sort()).toEqual(Object.keys(ROUTES).sort());
    });

    it('declares on each handler exactly the roles of the matrix', () => {
      for (const { route, rule } of discoverRoutes(t)) {
        const declared = rule?.public ? 'public' : [...(rule?.roles ?? [])].sort();
        const expected = ROUTES[route] === 'public' ? 'public' : [...ROUTES[route]].sort();
        expect({ route, roles: declared }).toEqual({ route, roles: expected });
      }
    });

    it('is the matrix the README shows', () => {
      const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
      const rows = readme
        .split('\n')
        .filter((line) => /^\| `(GET|POST|PUT|PATCH|DELETE) /.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .filter((cells) => cells.length === 7); // | route | admin | responder | dpo | controller |
      const documented = Object.fromEntries(
        rows.map((cells) => {
          const route = cells[1].replace(/`/g, '');
          const roles = ROLES.filter((_, i) => cells[2 + i].startsWith('✓'));
          return [route, cells[2] === 'public' ? 'public' : roles];
        }),
      );
      const expected = Object.fromEntries(
        Object.entries(MATRIX).map(([route, roles]) => [
          route,
          roles === 'public' ? 'public' : ROLES.filter((r) => roles.includes(r)),
        ]),
      );
      expect(documented).toEqual(expected);
    });
  });

  describe('every route with every caller', () => {
    function concrete(route: string): { method: keyof Client; url: string } {
      const [method, path] = route.split(' ');
      const url = path
        .replace('/agreements/:id', '/agreements/videonor')
        .replace(':version', '1')
        .replace('/authorities/:id', '/authorities/no-datatilsynet')
        .replace('/controllers/:id', `/controllers/${ownControllerId}`)
        .replace('/keys/:id', `/keys/${randomUUID()}`)
        .replace('/incidents/:id', `/incidents/${incidentId}`)
        .replace(':incidentId', incidentId)
        .replace(':obligationId', authorityObligationId)
        .replace(':phase', 'initial')
        .replace('/filings/:id', `/filings/${randomUUID()}`)
        .replace(':format', 'pdf')
        .replace(':filingId', randomUUID());
      return { method: method.toLowerCase() as keyof Client, url };
    }

    /** Not signed in: the API answers 401, a page sends the browser to the sign-in page. */
    const unauthenticated = (status: number, location: string | undefined) =>
      status === 401 || (status === 303 && !!location?.startsWith('/ui/sign-in'));

    for (const [route, allowed] of Object.entries(ROUTES)) {
      it(`${route}`, async () => {
        const { method, url } = concrete(route);
        const outcome: Record<string, string> = {};
        const expected: Record<string, string> = {};
        for (const caller of ['none', ...ROLES] as const) {
          const { status, headers } = await as[caller][method](url).send({});
          outcome[caller] = unauthenticated(status, headers.location)
            ? 'unauthenticated'
            : status === 403
              ? 'forbidden'
              : 'served';
          expected[caller] =
            allowed === 'public' || (caller !== 'none' && allowed.includes(caller))
              ? 'served'
              : caller === 'none'
                ? 'unauthenticated'
                : 'forbidden';
        }
        expect(outcome).toEqual(expected);
      });
    }
  });

  describe('without a key', () => {
    it('answers only /health and the API docs', async () => {
      expect((await as.none.get('/health')).status).toBe(200);
      expect((await as.none.get('/docs-json')).status).toBe(200);
      const { status, body, headers } = await as.none.get('/agreements');
      expect(status).toBe(401);
      expect(headers['www-authenticate']).toBe('Bearer');
      expect(body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    });

    it('refuses a malformed or unknown key with 401', async () => {
      expect((await t.api().get('/agreements').set('Authorization', 'Basic abc')).status).toBe(401);
      expect((await client(t, 'bd_not-a-real-key').get('/agreements')).status).toBe(401);
    });
  });

  describe('a controller key', () => {
    it('lists its own controller only', async () => {
      const { body } = await as.controller.get('/controllers');
      expect(body.map((c: { id: string }) => c.id)).toEqual([ownControllerId]);
    });

    it('cannot tell another controller from one that does not exist', async () => {
      const missing = randomUUID();
      const other = await as.controller.get(`/controllers/${otherControllerId}`);
      const absent = await as.controller.get(`/controllers/${missing}`);
      expect(other.status).toBe(404);
      expect(absent.status).toBe(404);
      expect({ ...other.body, message: other.body.message.replace(otherControllerId, '<id>') }).toEqual({
        ...absent.body,
        message: absent.body.message.replace(missing, '<id>'),
      });
      expect(Object.keys(other.headers).sort()).toEqual(Object.keys(absent.headers).sort());
    });

    it('reads its own controller', async () => {
      const { status, body } = await as.controller.get(`/controllers/${ownControllerId}`);
      expect(status).toBe(200);
      expect(body.name).toBe('Own AS');
    });
  });

  describe('keys', () => {
    it('POST /keys shows the key once; GET /keys never shows it again', async () => {
      const { status, body } = await as.admin.post('/keys').send({ role: 'dpo', label: 'DPO laptop' });
      expect(status).toBe(201);
      expect(body).toEqual({
        id: expect.any(String),
        key: expect.stringMatching(/^bd_[\w-]{43}$/),
        role: 'dpo',
        controllerId: null,
        label: 'DPO laptop',
        prefix: body.key.slice(0, 10),
        createdAt: expect.any(String),
        revokedAt: null,
      });
      expect((await client(t, body.key).get('/agreements')).status).toBe(200);

      const list = await as.admin.get('/keys');
      expect(JSON.stringify(list.body)).not.toContain(body.key);
      expect(list.body.find((k: { id: string }) => k.id === body.id)).toEqual({ ...body, key: undefined });
      const [{ key_hash }] = await t.dataSource.query('SELECT key_hash FROM api_key WHERE id = $1', [
        body.id,
      ]);
      expect(key_hash).not.toContain(body.key);
    });

    it('binds a controller key to an existing controller, and only a controller key', async () => {
      const noBinding = await as.admin.post('/keys').send({ role: 'controller' });
      expect(noBinding.status).toBe(422);
      expect(noBinding.body.details).toEqual([{ field: 'controllerId', messages: [expect.any(String)] }]);
      const unknown = await as.admin.post('/keys').send({ role: 'controller', controllerId: randomUUID() });
      expect(unknown.status).toBe(422);
      const wrongRole = await as.admin.post('/keys').send({ role: 'dpo', controllerId: ownControllerId });
      expect(wrongRole.status).toBe(422);
      const badRole = await as.admin.post('/keys').send({ role: 'root' });
      expect(badRole.status).toBe(400);
      expect(badRole.body.details).toEqual([{ field: 'role', messages: [expect.any(String)] }]);
    });

    it('revocation takes effect on the next request', async () => {
      const created = (await as.admin.post('/keys').send({ role: 'responder' })).body;
      const responder = client(t, created.key);
      expect((await responder.get('/agreements')).status).toBe(200);
      expect((await as.admin.delete(`/keys/${created.id}`)).status).toBe(204);
      expect((await responder.get('/agreements')).status).toBe(401);
      const listed = (await as.admin.get('/keys')).body.find((k: { id: string }) => k.id === created.id);
      expect(listed.revokedAt).toEqual(expect.any(String));
      expect((await as.admin.delete(`/keys/${randomUUID()}`)).status).toBe(404);
    });
  });
});

describe('access: failed authentication', () => {
  const LIMIT = 3;
  const WINDOW_SECONDS = 60;
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  let a: TestApp;
  let b: TestApp;
  let goodKey: string;

  /** Two instances of the service on one database, as in production behind a load balancer. */
  beforeAll(async () => {
    const env = { AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS) };
    a = await createTestApp({ env, clock });
    b = await createTestApp({ env, clock });
  });
  beforeEach(async () => {
    clock.set('2026-11-22T09:00:00Z');
    await resetDatabase(a.app);
    goodKey = await createKey(a.app, 'admin');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const refused = {
    statusCode: 429,
    error: 'Too Many Requests',
    message: expect.stringMatching(/^Too many failed authentications; try again in \d+ s$/),
  };

  it(`answers ${LIMIT} failures with 401 and the next with 429 and Retry-After, good key or not`, async () => {
    for (let i = 1; i <= LIMIT; i++) {
      const { status, headers } = await client(a, 'bd_guess').get('/agreements');
      expect({ failure: i, status, retryAfter: headers['retry-after'] }).toEqual({
        failure: i,
        status: 401,
        retryAfter: undefined,
      });
    }
    const over = await client(a, 'bd_guess').get('/agreements');
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe(String(WINDOW_SECONDS));
    expect(over.body).toEqual(refused);

    clock.advance(20_000);
    const good = await client(a, goodKey).get('/agreements');
    expect(good.status).toBe(429);
    expect(good.headers['retry-after']).toBe(String(WINDOW_SECONDS - 20));
    expect((await client(a).get('/health')).status).toBe(200);
  });

  it('shares one limit between instances', async () => {
    const statuses: number[] = [];
    for (const app of [a, b, a, b]) statuses.push((await client(app, 'bd_guess').get('/agreements')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    for (const app of [a, b]) {
      const { status, headers } = await client(app, goodKey).get('/agreements');
      expect({ status, retryAfter: headers['retry-after'] }).toEqual({
        status: 429,
        retryAfter: String(WINDOW_SECONDS),
      });
    }
  });

  it('counts concurrent failures on both instances one by one: exactly the limit get 401', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client(i % 2 ? a : b, 'bd_guess').get('/agreements')),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(10 - LIMIT).fill(429)]);
    expect(answers.filter((r) => r.status === 429).every((r) => r.headers['retry-after'] !== undefined)).toBe(
      true,
    );
  });

  it('lets the address in again after the window, and counts afresh', async () => {
    for (let i = 0; i <= LIMIT; i++) await client(a, 'bd_guess').get('/agreements');
    expect((await client(b, goodKey).get('/agreements')).status).toBe(429);

    clock.advance(WINDOW_SECONDS * 1000);
    expect((await client(b, goodKey).get('/agreements')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await client(b, 'bd_guess').get('/agreements')).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });

  it('forgets failures of a window that ran out without reaching the limit', async () => {
    for (let i = 0; i < LIMIT; i++) await client(a, 'bd_guess').get('/agreements');
    clock.advance(WINDOW_SECONDS * 1000);
    expect((await client(a, 'bd_guess').get('/agreements')).status).toBe(401);
    expect((await client(a, goodKey).get('/agreements')).status).toBe(200);
  });
});

describe('access: the log', () => {
  it('records the request with its id, and never the key', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logStream: sink });
    try {
      await resetDatabase(t.app);
      const key = await createKey(t.app, 'admin');
      const res = await client(t, key).get(`/agreements?key=${key}`).set('X-Request-Id', 'req-123');
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toBe('req-123');
      await client(t, `${key}x`).get('/agreements');

      const log = lines.join('');
      expect(log).toContain('"requestId":"req-123"');
      expect(log).toContain('Failed authentication');
      expect(log).not.toContain(key);
      expect(log).not.toContain(key.slice(3));
    } finally {
      await t.close();
    }
  });
});

describe('access: npm run key:create', () => {
  it('prints a new key that the service accepts', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/create-key.ts', '--role', 'admin'],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, ...TEST_KEYS },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const key = out.toString().trim();
    expect(key).toMatch(/^bd_[\w-]{43}$/);

    const t = await createTestApp();
    try {
      expect((await client(t, key).get('/keys')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
