import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, loadConfig } from './config';
import { resolveServiceKeys, ServiceKeys } from './service-keys';

describe(resolveServiceKeys.name, () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'breach-desk-keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes the keys beside the embedded data on first start, mode 600, and reads them after', async () => {
    const config = loadConfig({ EMBEDDED_PG_DIR: join(dir, 'postgres') });
    const first = await resolveServiceKeys(config);
    for (const name of ['postgres.audit-key', 'postgres.secrets-key']) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
      expect((await readFile(join(dir, name), 'utf8')).trim()).toMatch(/^[\w-]{43}$/);
    }
    const second = await resolveServiceKeys(config);
    expect(second).toEqual(first);
  });

  it('uses the configured keys, deriving one key per purpose', async () => {
    const config = loadConfig({
      AUDIT_KEY: 'a'.repeat(32),
      SECRETS_KEY: 'a'.repeat(32),
      EMBEDDED_PG_DIR: join(dir, 'pg'),
    });
    const sut = await resolveServiceKeys(config);
    expect(sut).toEqual(ServiceKeys.from('a'.repeat(32), 'a'.repeat(32)));
    expect(
      new Set([sut.auditChain, sut.auditCheckpoint, sut.secrets].map((k) => k.toString('hex'))).size,
    ).toBe(3);
    expect(sut.secrets).toHaveLength(32);
  });

  it('refuses to start with DATABASE_URL and no keys, naming each', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db' });
    const attempt = resolveServiceKeys(config);
    await expect(attempt).rejects.toThrow(ConfigValidationError);
    await expect(attempt).rejects.toThrow(/AUDIT_KEY is not set[^]*SECRETS_KEY is not set/);
  });

  it('refuses a key shorter than 32 bytes, without echoing it', () => {
    const attempt = () => loadConfig({ AUDIT_KEY: 'short-audit-key' });
    expect(attempt).toThrow(/AUDIT_KEY=\(hidden\): AUDIT_KEY must be at least 32 bytes/);
    expect(attempt).not.toThrow(/short-audit-key/);
  });
});
