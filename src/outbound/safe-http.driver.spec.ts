import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { OutboundPolicy } from './address-policy.util';
import { OutboundRefusedError, Resolver, safePost } from './safe-http.driver';

const ON_PREMISES: OutboundPolicy = { allowHttp: true, allowPrivateNetworks: true };
const NO_PRIVATE: OutboundPolicy = { allowHttp: true, allowPrivateNetworks: false };

describe(safePost.name, () => {
  const received: { path: string; host: string | undefined; body: string }[] = [];
  let replies: { status: number; location?: string }[] = [];
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', host: req.headers.host, body });
        const reply = replies.shift() ?? { status: 204 };
        res.writeHead(reply.status, reply.location ? { location: reply.location } : {}).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    received.length = 0;
    replies = [];
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const post = { headers: { 'content-type': 'application/json' }, body: '{"n":1}', timeoutMs: 5000 };

  it('connects to the address it checked, keeping the host name in the Host header', async () => {
    const resolver: Resolver = (name) => Promise.resolve(name === 'receiver.test' ? ['127.0.0.1'] : []);
    const res = await safePost(`http://receiver.test:${port}/hook?x=1`, post, ON_PREMISES, resolver);
    expect(res).toEqual({ status: 204 });
    expect(received).toEqual([{ path: '/hook?x=1', host: `receiver.test:${port}`, body: '{"n":1}' }]);
  });

  it('checks every address the name resolves to, not just the first', async () => {
    const resolver: Resolver = () => Promise.resolve(['127.0.0.1', '169.254.169.254']);
    await expect(safePost(`http://receiver.test:${port}/`, post, ON_PREMISES, resolver)).rejects.toThrow(
      /receiver\.test resolves to 127\.0\.0\.1, 169\.254\.169\.254; 169\.254\.169\.254 is a link-local address/,
    );
    expect(received).toEqual([]);
  });

  it('refuses a name that resolves to loopback unless private networks are allowed', async () => {
    const attempt = safePost(`http://localhost:${port}/`, post, NO_PRIVATE);
    await expect(attempt).rejects.toThrow(OutboundRefusedError);
    await expect(attempt).rejects.toThrow(/localhost resolves to .*loopback address/);
    expect(received).toEqual([]);
    await expect(safePost(`http://localhost:${port}/`, post, ON_PREMISES)).resolves.toEqual({ status: 204 });
  });

  it('does not follow a redirect', async () => {
    replies = [{ status: 302, location: `http://127.0.0.1:${port}/elsewhere` }];
    const res = await safePost(`http://127.0.0.1:${port}/hook`, post, ON_PREMISES);
    expect(res).toEqual({ status: 302 });
    expect(received.map((r) => r.path)).toEqual(['/hook']);
  });

  it('refuses http unless allowed, before any lookup', async () => {
    const resolver: Resolver = () => Promise.reject(new Error('no lookup expected'));
    await expect(
      safePost(`http://127.0.0.1:${port}/`, post, { allowHttp: false, allowPrivateNetworks: true }, resolver),
    ).rejects.toThrow('refused: the URL must use https (http only with WEBHOOK_ALLOW_HTTP=true)');
    expect(received).toEqual([]);
  });
});
