import { lookup } from 'node:dns/promises';
import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { addressProblem, hostOf, OutboundPolicy, urlProblems } from './address-policy.util';

/** The policy refused the target: nothing was sent. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
}

/** Every address a host name resolves to, as the system resolver gives them. */
export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export interface OutboundPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
}

/** 2xx only: a redirect is not followed, so it is not a delivery. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * The one way the service POSTs to a URL that someone configured. The URL is checked against the policy; the host
 * name is resolved here, every address it resolves to is checked, and the connection goes to the checked address
 * (a `lookup` that answers with it), so a second DNS answer cannot swap in another target (DNS rebinding). The Host
 * header and the TLS server name stay the host name. Redirects are not followed: a 3xx is returned as it is.
 */
export async function safePost(
  url: string,
  post: OutboundPost,
  policy: OutboundPolicy,
  resolve: Resolver = systemResolver,
): Promise<OutboundResponse> {
  const problems = urlProblems(url, policy);
  if (problems.length > 0) throw new OutboundRefusedError(`refused: the URL ${problems.join('; ')}`);
  const target = new URL(url);
  const host = hostOf(target);
  const addresses = isIP(host) ? [host] : await resolve(host);
  if (addresses.length === 0) throw new OutboundRefusedError(`refused: ${host} resolves to no address`);
  const refused = addresses.flatMap((a) => addressProblem(a, policy) ?? []);
  if (refused.length > 0) {
    throw new OutboundRefusedError(
      `refused: ${host} resolves to ${addresses.join(', ')}; ${refused.join('; ')}`,
    );
  }
  const address = addresses[0];
  const family = isIP(address);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const options: RequestOptions = {
    method: 'POST',
    host,
    port: target.port || undefined,
    path: `${target.pathname}${target.search}`,
    headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
    lookup: pinned,
    // A fresh connection each time: a pooled socket would skip the check above.
    agent: false,
    signal: AbortSignal.timeout(post.timeoutMs),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<OutboundResponse>((done, fail) => {
    const req = send(options, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0 }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(post.body);
  });
}
