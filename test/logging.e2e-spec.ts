import { Writable } from 'node:stream';
import { client, createKey, createTestApp, resetDatabase } from './utils';

/** The app's log, written to a stream of the test's (never a terminal, so the default is JSON). */
async function logOf(env: Record<string, string>): Promise<{ lines: string[]; key: string }> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const t = await createTestApp({ env: { LOG_LEVEL: 'info', ...env }, logStream: sink });
  try {
    await resetDatabase(t.app);
    const key = await createKey(t.app, 'admin');
    const res = await client(t, key).get(`/agreements?key=${key}`).set('X-Request-Id', 'req-123');
    expect(res.status).toBe(200);
    return { lines, key };
  } finally {
    await t.close();
  }
}

const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

describe('the log format', () => {
  it('is JSON by default when the output is not a terminal, and with LOG_FORMAT=json', async () => {
    // An empty value is an unset variable (whatever the environment running the tests says).
    for (const env of [{ LOG_FORMAT: '' }, { LOG_FORMAT: 'json' }]) {
      const { lines } = await logOf(env);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((line) => !isJson(line))).toEqual([]);
      const request = lines.map((line) => JSON.parse(line)).find((l) => l.msg === 'request completed');
      expect(request).toMatchObject({
        requestId: 'req-123',
        req: { method: 'GET', url: '/agreements' },
        res: { statusCode: 200 },
      });
    }
  });

  it('is for people with LOG_FORMAT=pretty: one line a request, with no more of it than the JSON has', async () => {
    const { lines, key } = await logOf({ LOG_FORMAT: 'pretty' });
    expect(lines.filter(isJson)).toEqual([]);
    const request = lines.filter((line) => line.includes('request completed'));
    expect(request).toEqual([
      expect.stringMatching(
        /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed GET \/agreements → 200 \d+ ms \(req-123\)$/,
      ),
    ]);
    const log = lines.join('\n');
    expect(log).not.toContain(key);
    expect(log).not.toContain(key.slice(3));
    expect(log).not.toMatch(/authorization/i);
    expect(log).not.toContain('?key=');
  });
});
