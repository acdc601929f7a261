import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's first command, as a user meets it: the service with no DATABASE_URL starts its own PostgreSQL,
 * serves, stops it on SIGTERM, and finds its data again at the next start.
 */
describe('npm start without DATABASE_URL', () => {
  const dir = join(tmpdir(), `breach-desk-start-${randomBytes(6).toString('hex')}`);
  const adminKey = `bd_${randomBytes(32).toString('base64url')}`;
  const auth = { authorization: `Bearer ${adminKey}` };
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    for (const beside of ['password', 'audit-key', 'secrets-key'])
      await rm(`${dir}.${beside}`, { force: true });
  });

  function start(): ChildProcess {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      EMBEDDED_PG_DIR: dir,
      BOOTSTRAP_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: join(__dirname, '..'),
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  async function waitForHealth(child: ChildProcess): Promise<void> {
    for (let i = 0; i < 120; i++) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('the service did not answer /health within 60 s');
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    return code;
  }

  it('serves the four agreements, stops cleanly, and keeps its data across a restart', async () => {
    const first = start();
    let controllerId: string;
    try {
      await waitForHealth(first);
      const agreements = (await (
        await fetch(`http://127.0.0.1:${port}/agreements`, { headers: auth })
      ).json()) as {
        id: string;
        languages: string[];
      }[];
      expect(agreements.map((a) => a.id)).toEqual([
        'alfaview',
        'decision-beacon',
        'dotnet-internals',
        'videonor',
      ]);
      expect(agreements.find((a) => a.id === 'videonor')?.languages).toEqual(['en', 'nb']);

      const created = await fetch(`http://127.0.0.1:${port}/controllers`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Fjord Kommune',
          country: 'NO',
          authorityId: 'no-datatilsynet',
          agreementId: 'videonor',
          language: 'nb',
          breachContact: { name: 'Kari Vakt', email: 'vakt@fjord.example' },
          dpo: { name: 'Ola Personvern', email: 'personvern@fjord.example' },
        }),
      });
      expect(created.status).toBe(201);
      controllerId = ((await created.json()) as { id: string }).id;
    } finally {
      expect(await stop(first)).toBe(0);
    }
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);

    const second = start();
    try {
      await waitForHealth(second);
      const res = await fetch(`http://127.0.0.1:${port}/controllers/${controllerId}`, { headers: auth });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ name: 'Fjord Kommune' });
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
