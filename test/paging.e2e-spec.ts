import { controllerBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** The bare-array lists: same array as before, the page in headers, bounds checked, other parameters left alone. */
describe('paging a bare-array list (GET /controllers)', () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    for (const name of ['C', 'A', 'E', 'B', 'D'])
      await admin.post('/controllers').send(controllerBody({ name })).expect(201);
  });
  afterAll(() => t.close());

  it('gives the whole list within the default page, with its total and no link', async () => {
    const { status, body, headers } = await admin.get('/controllers');
    expect(status).toBe(200);
    expect(body.map((c: { name: string }) => c.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(headers['x-total-count']).toBe('5');
    expect(headers.link).toBeUndefined();
  });

  it('walks the pages by the Link header to the end', async () => {
    const names: string[] = [];
    let url: string | null = '/controllers?limit=2&tag=x';
    while (url) {
      const res: { body: { name: string }[]; headers: Record<string, string | undefined> } = await admin
        .get(url)
        .expect(200);
      names.push(...res.body.map((c) => c.name));
      expect(res.headers['x-total-count']).toBe('5');
      url = /<([^>]+)>; rel="next"/.exec(res.headers.link ?? '')?.[1] ?? null;
    }
    expect(names).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('refuses a bad limit or offset, naming each, and ignores parameters it never read', async () => {
    const { status, body } = await admin.get('/controllers?limit=5001&offset=-1');
    expect(status).toBe(400);
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'offset']);
    expect((await admin.get('/controllers?limit=5000&cacheBust=1')).status).toBe(200);
  });
});
