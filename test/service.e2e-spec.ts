import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

describe('service basics', () => {
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

  it('GET /health pings the database', async () => {
    const { status, body } = await admin.get('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document generated from the DTOs', async () => {
    const { status, body } = await admin.get('/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/agreements',
        '/agreements/{id}',
        '/agreements/{id}/lint',
        '/controllers',
        '/authorities',
      ]),
    );
    const controller = body.components.schemas.CreateDataControllerDto;
    expect(controller.required).toEqual(
      expect.arrayContaining([
        'name',
        'country',
        'authorityId',
        'agreementId',
        'language',
        'breachContact',
        'dpo',
      ]),
    );
    expect(body.components.schemas.ContactPersonDto.properties.email).toEqual(
      expect.objectContaining({ type: 'string' }),
    );
  });

  it('serves the API docs page', async () => {
    const { status, text } = await admin.get('/docs/');
    expect(status).toBe(200);
    expect(text).toContain('swagger');
  });

  it('answers an unknown route with 404 in the one error body', async () => {
    const { status, body } = await admin.get('/no-such-thing');
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });

  it('answers malformed JSON with 400', async () => {
    const { status, body } = await admin
      .post('/controllers')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(status).toBe(400);
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
  });

  it('answers a body over 1 MB with 413', async () => {
    const { status, body } = await admin.post('/controllers').send({ name: 'x'.repeat(1_100_000) });
    expect(status).toBe(413);
    expect(body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The request body is larger than 1 MB',
    });
  });

  it('sets security headers and echoes no stack trace', async () => {
    const { headers } = await admin.get('/health');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
  });
});
