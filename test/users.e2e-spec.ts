import type request from 'supertest';
import { FixedClock } from '../src/clock/clock';
import { totpCode } from '../src/users/totp.util';
import { UsersService } from '../src/users/users.service';
import { controllerBody, incidentBody } from './fixtures';
import { createPerson, Person } from './people';
import { client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

const START = new Date('2026-12-01T10:00:00Z');
const MINUTE = 60_000;

/** A browser signed in, as far as the API sees it: its cookie and the session's CSRF token. */
interface Session {
  cookie: string;
  csrf: string;
  body: Record<string, unknown>;
}

async function signIn(t: TestApp, who: Pick<Person, 'email' | 'password'>, totp?: string): Promise<Session> {
  const res = await t
    .api()
    .post('/auth/sign-in')
    .send({ email: who.email, password: who.password, ...(totp ? { totp } : {}) })
    .expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return {
    cookie: setCookie.map((c) => c.split(';')[0]).join('; '),
    csrf: res.body.csrfToken as string,
    body: res.body as Record<string, unknown>,
  };
}

/** Requests made with the session's cookie; `csrf: false` leaves the token out. */
function as(t: TestApp, s: Session, csrf: boolean | string = true) {
  const call = (method: 'get' | 'post' | 'patch' | 'delete') => (url: string) => {
    const req: request.Test = t.api()[method](url).set('Cookie', s.cookie);
    return csrf === false ? req : req.set('X-CSRF-Token', csrf === true ? s.csrf : csrf);
  };
  return { get: call('get'), post: call('post'), patch: call('patch'), delete: call('delete') };
}

async function auditActions(
  t: TestApp,
  entityId?: string,
): Promise<{ action: string; actor_user_id: string | null }[]> {
  return t.dataSource.query(
    `SELECT action, actor_user_id FROM audit_entry WHERE ($1::text IS NULL OR entity_id = $1) ORDER BY seq`,
    [entityId ?? null],
  );
}

describe('People sign in (users, sessions, CSRF, TOTP)', () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  let adminKey: string;

  beforeAll(async () => {
    // Over a proxy on loopback that says the request came over TLS, the cookie is Secure.
    t = await createTestApp({ clock, env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    clock.set(START);
    await resetDatabase(t.app);
    adminKey = await createKey(t.app, 'admin');
  });

  it('an admin creates a user and issues a one-time link; the link sets the password once; the user signs in', async () => {
    const admin = client(t, adminKey);
    const created = await admin
      .post('/users')
      .send({
        email: 'Kari@Processor.example',
        name: 'Kari Nordmann',
        role: 'dpo',
        locale: 'nb',
        timeZone: 'Europe/Oslo',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'kari@processor.example',
      role: 'dpo',
      hasPassword: false,
      totpEnabled: false,
    });
    const link = await admin.post(`/users/${created.body.id}/password-link`).expect(201);
    expect(link.body.url).toMatch(/^http:\/\/localhost:\d+\/ui\/set-password\?token=[\w-]{43}$/);
    const token = new URL(link.body.url).searchParams.get('token');
    const password = 'a long enough pass phrase';
    await t.api().post('/auth/set-password').send({ token, password }).expect(200);
    const again = await t.api().post('/auth/set-password').send({ token, password }).expect(422);
    expect(again.body.details).toEqual([{ field: 'token', messages: [expect.stringContaining('used')] }]);

    const res = await t
      .api()
      .post('/auth/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: 'kari@processor.example', password })
      .expect(200);
    expect(res.body).toMatchObject({ step: 'done', next: '/', user: { id: created.body.id } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^bd_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    // Over plain http the cookie is not Secure (it would never be sent back).
    const plain = await signIn(t, { email: 'kari@processor.example', password });
    expect(plain.cookie).toMatch(/^bd_session=/);

    // Only hashes are stored: the cookie's token is nowhere in the table.
    const sessionToken = /bd_session=([\w-]+)/.exec(cookie)![1];
    const rows = await t.dataSource.query('SELECT token_hash FROM user_session');
    expect(JSON.stringify(rows)).not.toContain(sessionToken);

    const me = await as(t, plain).get('/auth/me').expect(200);
    expect(me.body).toMatchObject({
      email: 'kari@processor.example',
      locale: 'nb',
      timeZone: 'Europe/Oslo',
      hasPassword: true,
    });
    // Every API route works from the browser, with the role's rules.
    await as(t, plain).get('/deadlines').expect(200);
    await as(t, plain).get('/keys').expect(403);

    const actions = (await auditActions(t, created.body.id)).map((r) => r.action);
    expect(actions).toEqual([
      'user.create',
      'user.password-link',
      'user.password-set',
      'auth.sign-in',
      'auth.sign-in',
    ]);
  });

  it('a wrong password or an unknown e-mail is one generic 401, audited without the e-mail typed', async () => {
    const person = await createPerson(t.app, { role: 'responder' });
    const wrong = await t
      .api()
      .post('/auth/sign-in')
      .send({ email: person.email, password: 'not the password' })
      .expect(401);
    const unknown = await t
      .api()
      .post('/auth/sign-in')
      .send({ email: 'nobody@people.example', password: 'not the password' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const failed = await t.dataSource.query(
      `SELECT entity_id, after FROM audit_entry WHERE action = 'auth.sign-in-failed' ORDER BY seq`,
    );
    expect(failed).toEqual([
      { entity_id: person.user.id, after: { address: expect.any(String), reason: 'wrong-password' } },
      { entity_id: 'unknown', after: { address: expect.any(String), reason: 'unknown-email' } },
    ]);
    expect(JSON.stringify(failed)).not.toContain('nobody@');
  });

  it('refuses a state-changing cookie request without the CSRF token or with a wrong one, and writes nothing', async () => {
    const admin = await signIn(t, await createPerson(t.app, { role: 'admin' }));
    const before = (await auditActions(t)).length;
    const noToken = await as(t, admin, false).post('/controllers').send(controllerBody()).expect(403);
    expect(noToken.body.message).toContain('CSRF');
    await as(t, admin, 'x'.repeat(43)).post('/controllers').send(controllerBody()).expect(403);
    await as(t, admin, false).patch(`/auth/me`).send({ locale: 'de' }).expect(403);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM data_controller'))[0].n).toBe(0);
    expect((await auditActions(t)).length).toBe(before);
    // Reading needs no token; writing with the right one works, and the trail names the person, not a key.
    await as(t, admin, false).get('/controllers').expect(200);
    const made = await as(t, admin).post('/controllers').send(controllerBody()).expect(201);
    const [row] = await t.dataSource.query(
      `SELECT actor_key_id, actor_user_id, actor_role FROM audit_entry WHERE action = 'controller.create' AND entity_id = $1`,
      [made.body.id],
    );
    expect(row).toEqual({
      actor_key_id: null,
      actor_user_id: (admin.body.user as { id: string }).id,
      actor_role: 'admin',
    });
    // A bearer key needs no CSRF token.
    await client(t, adminKey).post('/controllers').send(controllerBody()).expect(201);
    expect((await client(t, adminKey).get('/audit/verify').expect(200)).body.ok).toBe(true);
  });

  it('ends a session idle for SESSION_IDLE_MINUTES, and any session SESSION_ABSOLUTE_HOURS after sign-in', async () => {
    const person = await createPerson(t.app, { role: 'dpo' });
    const idle = await signIn(t, person);
    clock.advance(29 * MINUTE);
    await as(t, idle).get('/auth/me').expect(200);
    clock.advance(29 * MINUTE); // 58 minutes after sign-in, 29 after the last request: still alive
    await as(t, idle).get('/auth/me').expect(200);
    clock.advance(31 * MINUTE);
    await as(t, idle).get('/auth/me').expect(401);

    const busy = await signIn(t, person);
    for (let i = 0; i < 28; i++) {
      clock.advance(25 * MINUTE); // 11 h 40 min in all
      await as(t, busy).get('/auth/me').expect(200);
    }
    clock.advance(25 * MINUTE); // 12 h 5 min after sign-in
    await as(t, busy).get('/auth/me').expect(401);
  });

  it('sign-out ends the session; a disabled user is out at once and cannot sign in again', async () => {
    const person = await createPerson(t.app, { role: 'responder' });
    const first = await signIn(t, person);
    await as(t, first).post('/auth/sign-out').expect(204);
    await as(t, first).get('/auth/me').expect(401);

    const second = await signIn(t, person);
    const disabled = await client(t, adminKey)
      .patch(`/users/${person.user.id}`)
      .send({ disabled: true })
      .expect(200);
    expect(disabled.body.disabled).toBe(true);
    await as(t, second).get('/auth/me').expect(401);
    await t.api().post('/auth/sign-in').send({ email: person.email, password: person.password }).expect(401);
    const actions = (await auditActions(t, person.user.id)).map((r) => r.action);
    expect(actions).toEqual([
      'user.create',
      'auth.sign-in',
      'auth.sign-out',
      'auth.sign-in',
      'user.disable',
      'auth.sign-in-failed',
    ]);
  });

  it('TOTP: enrol with a code, then sign-in asks for it; a code works once; removing needs the password', async () => {
    const person = await createPerson(t.app, { role: 'dpo' });
    const s = await signIn(t, person);
    const started = await as(t, s).post('/auth/totp').expect(200);
    expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/Breach%20Desk:.+\?.*secret=[A-Z2-7]+/);
    const secret = started.body.secret as string;
    // The secret is sealed at rest.
    const [stored] = await t.dataSource.query('SELECT totp_pending_secret FROM app_user WHERE id = $1', [
      person.user.id,
    ]);
    expect(stored.totp_pending_secret).toMatch(/^aes-256-gcm:v1:/);
    expect(stored.totp_pending_secret).not.toContain(secret);
    const bad = await as(t, s).post('/auth/totp/confirm').send({ code: '000000' }).expect(422);
    expect(bad.body.details[0].field).toBe('code');
    await as(t, s)
      .post('/auth/totp/confirm')
      .send({ code: totpCode(secret, clock.now()) })
      .expect(200);

    // The code just used to enrol cannot sign in: used once.
    clock.advance(5_000);
    const asks = await t
      .api()
      .post('/auth/sign-in')
      .send({ email: person.email, password: person.password })
      .expect(200);
    expect(asks.body).toEqual({ step: 'totp' });
    expect(asks.headers['set-cookie']).toBeUndefined();
    await t
      .api()
      .post('/auth/sign-in')
      .send({ email: person.email, password: person.password, totp: totpCode(secret, clock.now()) })
      .expect(401);
    clock.advance(30_000);
    const code = totpCode(secret, clock.now());
    const signedIn = await signIn(t, person, code);
    expect(signedIn.body.step).toBe('done');
    // Replayed within its window: refused.
    await t
      .api()
      .post('/auth/sign-in')
      .send({ email: person.email, password: person.password, totp: code })
      .expect(401);
    // A code of the step before (a clock 30 s behind) is still good, once.
    clock.advance(30_000);
    await signIn(t, person, totpCode(secret, new Date(clock.now().getTime())));

    await as(t, signedIn).delete('/auth/totp').send({ password: 'wrong wrong wrong' }).expect(422);
    const removed = await as(t, signedIn)
      .delete('/auth/totp')
      .send({ password: person.password })
      .expect(200);
    expect(removed.body.totpEnabled).toBe(false);
    const actions = (await auditActions(t, person.user.id)).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith('user.totp'))).toEqual(['user.totp-enrol', 'user.totp-remove']);
  });

  it('a password change needs the current password, and signs the other browsers out', async () => {
    const person = await createPerson(t.app, { role: 'responder' });
    const here = await signIn(t, person);
    const there = await signIn(t, person);
    const wrong = await as(t, here)
      .patch('/auth/me')
      .send({ currentPassword: 'not it at all', newPassword: 'a brand new pass phrase' })
      .expect(422);
    expect(wrong.body.details).toEqual([
      { field: 'currentPassword', messages: ['is not your current password'] },
    ]);
    const short = await as(t, here)
      .patch('/auth/me')
      .send({ currentPassword: person.password, newPassword: 'short' })
      .expect(400);
    expect(short.body.details.map((d: { field: string }) => d.field)).toEqual(['newPassword']);
    await as(t, here)
      .patch('/auth/me')
      .send({ currentPassword: person.password, newPassword: 'a brand new pass phrase', locale: 'de' })
      .expect(200);
    await as(t, here).get('/auth/me').expect(200);
    await as(t, there).get('/auth/me').expect(401);
    await signIn(t, { email: person.email, password: 'a brand new pass phrase' });
  });

  it("a controller user sees another controller's incident exactly like a missing one", async () => {
    const admin = client(t, adminKey);
    const ours = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Ours AS' }))
        .expect(201)
    ).body;
    const theirs = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Theirs AS' }))
        .expect(201)
    ).body;
    const responder = client(t, await createKey(t.app, 'responder'));
    const incident = (
      await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds: [theirs.id] }))
        .expect(201)
    ).body;
    const person = await createPerson(t.app, { role: 'controller', controllerId: ours.id });
    const s = await signIn(t, person);
    expect(s.body.next).toBe('/ui/portal');
    const foreign = await as(t, s).get(`/incidents/${incident.id}`).expect(404);
    const missing = await as(t, s).get('/incidents/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b').expect(404);
    expect(foreign.body.message.replace(incident.id, 'ID')).toBe(
      missing.body.message.replace('6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', 'ID'),
    );
  });

  it('validates users with 4xx naming each bad field; a key has no account of its own', async () => {
    const admin = client(t, adminKey);
    const bad = await admin
      .post('/users')
      .send({ email: 'not-mail', name: '', role: 'boss', timeZone: 'Mars/Base' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'email',
      'name',
      'role',
      'timeZone',
    ]);
    const unbound = await admin
      .post('/users')
      .send({ email: 'c@people.example', name: 'C', role: 'controller' })
      .expect(422);
    expect(unbound.body.details[0].field).toBe('controllerId');
    await admin.post('/users').send({ email: 'd@people.example', name: 'D', role: 'dpo' }).expect(201);
    const taken = await admin
      .post('/users')
      .send({ email: 'D@people.example', name: 'D2', role: 'dpo' })
      .expect(409);
    expect(taken.body.details[0].field).toBe('email');
    await admin.patch('/users/not-a-uuid').send({ name: 'x' }).expect(404);
    await admin.get('/auth/me').expect(404);
    expect((await admin.get('/users').expect(200)).body.map((u: { email: string }) => u.email)).toEqual([
      'd@people.example',
    ]);
  });

  it('pages the people like every list: oldest first, X-Total-Count, Link to the next page, a bad limit named', async () => {
    const admin = client(t, adminKey);
    for (const name of ['A', 'B', 'C'])
      await admin
        .post('/users')
        .send({ email: `${name}@paged.example`, name, role: 'responder' })
        .expect(201);
    const first = await admin.get('/users?limit=2').expect(200);
    expect(first.body.map((u: { name: string }) => u.name)).toEqual(['A', 'B']);
    expect(first.headers['x-total-count']).toBe('3');
    expect(first.headers.link).toBe('</users?limit=2&offset=2>; rel="next"');
    const second = await admin.get('/users?limit=2&offset=2').expect(200);
    expect(second.body.map((u: { name: string }) => u.name)).toEqual(['C']);
    expect(second.headers.link).toBe('</users?limit=2&offset=0>; rel="prev"');
    const bad = await admin.get('/users?limit=0').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
  });
});

describe('Sign-in attempts are limited like keys', () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_SECONDS: '60' } });
    await resetDatabase(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the address, even with the right password, after too many failures; audits each failure', async () => {
    const person = await createPerson(t.app, { role: 'dpo' });
    for (let i = 0; i < 3; i++) {
      await t
        .api()
        .post('/auth/sign-in')
        .send({ email: person.email, password: 'guess guess guess' })
        .expect(401);
    }
    const blocked = await t
      .api()
      .post('/auth/sign-in')
      .send({ email: person.email, password: 'guess guess guess' })
      .expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await t.api().post('/auth/sign-in').send({ email: person.email, password: person.password }).expect(429);
    const failed = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'auth.sign-in-failed'`,
    );
    expect(failed[0].n).toBe(4);
    clock.advance(61_000);
    await signIn(t, person);
  });
});

describe('Admins must have a second factor with REQUIRE_2FA_FOR_ADMINS', () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { REQUIRE_2FA_FOR_ADMINS: 'true' } });
    await resetDatabase(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes an admin without TOTP enrol before anything else, and keeps it', async () => {
    const person = await createPerson(t.app, { role: 'admin' });
    const s = await signIn(t, person);
    expect(s.body).toMatchObject({ step: 'enrol-totp', next: '/ui/account?enrol=1' });
    const refused = await as(t, s).get('/users').expect(403);
    expect(refused.body.message).toContain('second factor');
    // A page sends them to the account page to enrol.
    const page = await t.api().get('/').set('Cookie', s.cookie).expect(303);
    expect(page.headers.location).toBe('/ui/account?enrol=1');
    await t.api().get('/ui/account?enrol=1').set('Cookie', s.cookie).expect(200);
    await as(t, s).get('/auth/me').expect(200);
    const { secret } = (await as(t, s).post('/auth/totp').expect(200)).body;
    await as(t, s)
      .post('/auth/totp/confirm')
      .send({ code: totpCode(secret, clock.now()) })
      .expect(200);
    await as(t, s).get('/users').expect(200);
    await as(t, s).delete('/auth/totp').send({ password: person.password }).expect(409);
    // Other roles are not asked.
    const dpo = await signIn(t, await createPerson(t.app, { role: 'dpo' }));
    expect(dpo.body.step).toBe('done');
  });
});

describe('The first run', () => {
  const clock = new FixedClock(START);

  it('prints a one-time link while no user exists; it creates the first admin once; a new start replaces it; it expires', async () => {
    const setup = await createTestApp({ clock });
    await resetDatabase(setup.app);
    await setup.close();

    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    let first: TestApp;
    let second: TestApp;
    try {
      first = await createTestApp({ clock, env: { LOG_LEVEL: 'warn', PUBLIC_URL: 'https://desk.example/' } });
      await first.close();
      second = await createTestApp({
        clock,
        env: { LOG_LEVEL: 'warn', PUBLIC_URL: 'https://desk.example/' },
      });
    } finally {
      spy.mockRestore();
    }
    const links = printed.join('').match(/https:\/\/desk\.example\/ui\/first-run\?token=[\w-]+/g) ?? [];
    // Each start printed its link twice: on stdout and in the warn-level log line.
    const distinct = [...new Set(links)];
    expect(distinct).toHaveLength(2);
    const [oldLink, newLink] = distinct.map((l) => new URL(l).searchParams.get('token')!);
    const body = {
      name: 'First Admin',
      email: 'first@processor.example',
      password: 'the very first pass phrase',
    };
    try {
      const stale = await second
        .api()
        .post('/auth/first-run')
        .send({ ...body, token: oldLink })
        .expect(422);
      expect(stale.body.details[0].field).toBe('token');
      const made = await second
        .api()
        .post('/auth/first-run')
        .send({ ...body, token: newLink })
        .expect(201);
      expect(made.body).toMatchObject({ role: 'admin', email: body.email });
      await second
        .api()
        .post('/auth/first-run')
        .send({ ...body, token: newLink })
        .expect(422);
      const s = await signIn(second, body);
      expect(s.body.step).toBe('done');
      // Once a user exists, no link is made at start.
      expect(await second.app.get(UsersService).firstRunLink()).toBeNull();

      // A link not used within 24 h no longer works.
      await resetDatabase(second.app);
      const link = (await second.app.get(UsersService).firstRunLink())!;
      const token = new URL(link.url).searchParams.get('token')!;
      clock.advance(24 * 60 * MINUTE + 1000);
      await second
        .api()
        .post('/auth/first-run')
        .send({ ...body, token })
        .expect(422);
    } finally {
      await second.close();
    }
  });
});
