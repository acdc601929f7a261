import { DataControllersService } from '../src/data-controllers/data-controllers.service';
import { controllerBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** Webhook secrets are kept encrypted: the database never holds one in plain text. */
describe('secrets at rest', () => {
  let t: TestApp;
  let admin: Client;
  let controllerId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    controllerId = (await admin.post('/controllers').send(controllerBody()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const rawSecret = async () =>
    (
      await t.dataSource.query<{ webhook_secret: string | null }[]>(
        'SELECT webhook_secret FROM data_controller WHERE id = $1',
        [controllerId],
      )
    )[0].webhook_secret;

  it('stores the webhook secret sealed, and opens it for signing', async () => {
    const { secret } = (await admin.post(`/controllers/${controllerId}/webhook-secret`).expect(201)).body;
    const raw = await rawSecret();
    expect(raw).toMatch(/^aes-256-gcm:v1:/);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(secret.replace(/^whsec_/, ''));
    expect(await t.app.get(DataControllersService).webhookSecretOf(controllerId)).toBe(secret);
  });

  it('is refused a plain secret by the database itself', async () => {
    await expect(
      t.dataSource.query(`UPDATE data_controller SET webhook_secret = 'whsec_plain' WHERE id = $1`, [
        controllerId,
      ]),
    ).rejects.toThrow(/ck_data_controller_webhook_secret_sealed/);
  });

  it('does not open a sealed secret moved to another controller', async () => {
    await admin.post(`/controllers/${controllerId}/webhook-secret`).expect(201);
    const other = (await admin.post('/controllers').send(controllerBody()).expect(201)).body.id;
    await t.dataSource.query(
      'UPDATE data_controller SET webhook_secret = (SELECT webhook_secret FROM data_controller WHERE id = $1) WHERE id = $2',
      [controllerId, other],
    );
    await expect(t.app.get(DataControllersService).webhookSecretOf(other)).rejects.toThrow(/does not open/);
  });

  it('seals at start a secret stored in plain text before the encryption came', async () => {
    // The rows of before the migration: its NOT VALID check let them stay until the service seals them.
    await t.dataSource.transaction(async (em) => {
      await em.query('ALTER TABLE data_controller DROP CONSTRAINT ck_data_controller_webhook_secret_sealed');
      await em.query(`UPDATE data_controller SET webhook_secret = 'whsec_from_before' WHERE id = $1`, [
        controllerId,
      ]);
      await em.query(
        `ALTER TABLE data_controller ADD CONSTRAINT ck_data_controller_webhook_secret_sealed CHECK (webhook_secret IS NULL OR webhook_secret LIKE 'aes-256-gcm:v1:%') NOT VALID`,
      );
    });
    const service = t.app.get(DataControllersService);
    expect(await service.sealPlainWebhookSecrets()).toBe(1);
    expect(await rawSecret()).toMatch(/^aes-256-gcm:v1:/);
    expect(await service.webhookSecretOf(controllerId)).toBe('whsec_from_before');
    expect(await service.sealPlainWebhookSecrets()).toBe(0);
    const audit = (await admin.get(`/audit?entityType=controller&entityId=${controllerId}`)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'controller.create',
      'controller.seal-webhook-secret',
    ]);
  });
});
