import { isIP } from 'node:net';

/**
 * Where the service may send a request of its own (controller webhooks, the alert webhook, audit checkpoints).
 * A URL that someone else sets must not turn the service into a proxy into its own network (SSRF): the cloud
 * metadata address, a database on localhost, a router on 192.168.x.
 */
export interface OutboundPolicy {
  /** http as well as https (WEBHOOK_ALLOW_HTTP). */
  allowHttp: boolean;
  /** Loopback and private addresses as targets, for receivers on premises and for tests (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks: boolean;
}

export function outboundPolicy(config: {
  WEBHOOK_ALLOW_HTTP: boolean;
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean;
}): OutboundPolicy {
  return {
    allowHttp: config.WEBHOOK_ALLOW_HTTP,
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  };
}

export type AddressKind =
  'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'ipv4-mapped' | 'reserved';

/** IPv4 blocks that are not the public internet (RFC 6890 and its updates). */
const V4_BLOCKS: [string, number, AddressKind][] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on most systems
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // includes the cloud metadata service, 169.254.169.254
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // 6to4 relays (deprecated)
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // and 255.255.255.255, broadcast
];

/** Blocks whose addresses embed an IPv4 address: they are judged by the IPv4 address they lead to. */
type V6Kind = AddressKind | 'nat64' | '6to4';

/** IPv6 blocks that are not the public internet. Outside 2000::/3 (global unicast) everything else is reserved. */
const V6_BLOCKS: [string, number, V6Kind][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::ffff:0:0', 96, 'ipv4-mapped'],
  ['64:ff9b::', 96, 'nat64'],
  ['64:ff9b:1::', 48, 'private'], // local-use NAT64
  ['2001::', 32, 'reserved'], // Teredo
  ['2001:db8::', 32, 'reserved'], // documentation
  ['2002::', 16, '6to4'],
  ['fc00::', 7, 'private'], // unique local
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // site-local (deprecated)
  ['ff00::', 8, 'multicast'],
];

function parseV4(text: string): number {
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function parseV6(text: string): bigint {
  let s = text.toLowerCase();
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(s.slice(lastColon + 1));
    s = `${s.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

const V4_TABLE = V4_BLOCKS.map(([net, bits, kind]) => ({ net: parseV4(net), bits, kind }));
/** Longest prefix first, so that ::1 is loopback before ::/96 would say anything else. */
const V6_TABLE = V6_BLOCKS.map(([net, bits, kind]) => ({ net: parseV6(net), bits, kind })).sort(
  (a, b) => b.bits - a.bits,
);
const GLOBAL_UNICAST = { net: parseV6('2000::'), bits: 3 };

function inV4(address: number, net: number, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(net / size);
}

function inV6(address: bigint, net: bigint, bits: number): boolean {
  const shift = BigInt(128 - bits);
  return address >> shift === net >> shift;
}

function classifyV4(address: number): AddressKind {
  return V4_TABLE.find((b) => inV4(address, b.net, b.bits))?.kind ?? 'public';
}

function v4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
}

/** What kind of address an IP address (v4 or v6, with or without a zone) is; undefined for anything else. */
export function classifyAddress(text: string): AddressKind | undefined {
  const address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const version = isIP(address);
  if (version === 4) return classifyV4(parseV4(address));
  if (version !== 6) return undefined;
  const value = parseV6(address);
  const block = V6_TABLE.find((b) => inV6(value, b.net, b.bits));
  if (block?.kind === 'nat64') return classifyV4(parseV4(v4Text(value & 0xffff_ffffn)));
  if (block?.kind === '6to4') return classifyV4(parseV4(v4Text((value >> 80n) & 0xffff_ffffn)));
  if (block) return block.kind;
  return inV6(value, GLOBAL_UNICAST.net, GLOBAL_UNICAST.bits) ? 'public' : 'reserved';
}

/** Why the policy refuses this IP address as a target; undefined when it may be used. */
export function addressProblem(address: string, policy: OutboundPolicy): string | undefined {
  const kind = classifyAddress(address);
  if (kind === undefined) return `${address} is not an IP address`;
  if (kind === 'public') return undefined;
  if ((kind === 'loopback' || kind === 'private') && policy.allowPrivateNetworks) return undefined;
  const hint =
    kind === 'loopback' || kind === 'private'
      ? ' (allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)'
      : '';
  return `${address} is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address${hint}`;
}

/**
 * What is wrong with a URL as a target, without looking anything up: the scheme, credentials in it, and the host
 * when it is an IP address. A host name is checked when a request is made, on the addresses it resolves to then.
 */
export function urlProblems(url: string, policy: OutboundPolicy): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return ['must be an absolute http(s) URL'];
  }
  const problems: string[] = [];
  if (parsed.protocol === 'http:') {
    if (!policy.allowHttp) problems.push('must use https (http only with WEBHOOK_ALLOW_HTTP=true)');
  } else if (parsed.protocol !== 'https:') {
    problems.push('must be an http(s) URL');
  }
  if (parsed.username || parsed.password) problems.push('must not carry credentials (user:password@)');
  const host = hostOf(parsed);
  if (!host) problems.push('must name a host');
  else if (isIP(host)) {
    const problem = addressProblem(host, policy);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** The URL's host without the brackets of an IPv6 address (the WHATWG parser has normalised IPv4 forms already). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
