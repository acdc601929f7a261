import { addressProblem, classifyAddress, OutboundPolicy, urlProblems } from './address-policy.util';

const STRICT: OutboundPolicy = { allowHttp: false, allowPrivateNetworks: false };
const ON_PREMISES: OutboundPolicy = { allowHttp: true, allowPrivateNetworks: true };

describe(classifyAddress.name, () => {
  it.each([
    // IPv4
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.128.0.1', 'public'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['203.0.113.9', 'reserved'],
    // IPv6
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:81b::200e', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4-mapped'],
    ['::ffff:7f00:1', 'ipv4-mapped'],
    ['::ffff:8.8.8.8', 'ipv4-mapped'],
    ['::127.0.0.1', 'reserved'], // IPv4-compatible (deprecated)
    ['64:ff9b::8.8.8.8', 'public'], // NAT64 to a public address
    ['64:ff9b::a00:1', 'private'], // NAT64 to 10.0.0.1
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['2002:7f00:1::', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:808:808::1', 'public'], // 6to4 of 8.8.8.8
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378::1', 'reserved'], // Teredo
    ['100::1', 'reserved'],
    ['4000::1', 'reserved'],
    // not addresses
    ['localhost', undefined],
    ['example.com', undefined],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe(addressProblem.name, () => {
  it.each([
    ['8.8.8.8', STRICT, undefined],
    [
      '127.0.0.1',
      STRICT,
      '127.0.0.1 is a loopback address (allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)',
    ],
    ['127.0.0.1', ON_PREMISES, undefined],
    ['192.168.1.10', ON_PREMISES, undefined],
    ['fd00::5', ON_PREMISES, undefined],
    ['::1', ON_PREMISES, undefined],
    // never, whatever the setting
    ['169.254.169.254', ON_PREMISES, '169.254.169.254 is a link-local address'],
    ['fe80::1', ON_PREMISES, 'fe80::1 is a link-local address'],
    ['0.0.0.0', ON_PREMISES, '0.0.0.0 is an unspecified address'],
    ['::', ON_PREMISES, ':: is an unspecified address'],
    ['224.0.0.1', ON_PREMISES, '224.0.0.1 is a multicast address'],
    ['::ffff:127.0.0.1', ON_PREMISES, '::ffff:127.0.0.1 is an ipv4-mapped address'],
  ])('%s under %j: %s', (address, policy, problem) => {
    expect(addressProblem(address, policy)).toBe(problem);
  });
});

describe(urlProblems.name, () => {
  it.each<[string, OutboundPolicy, string[]]>([
    ['https://hooks.example/breach', STRICT, []],
    ['https://8.8.8.8/hook', STRICT, []],
    ['https://localhost/hook', STRICT, []], // a name: checked on its addresses at delivery
    ['http://hooks.example/breach', STRICT, ['must use https (http only with WEBHOOK_ALLOW_HTTP=true)']],
    ['http://hooks.example/breach', ON_PREMISES, []],
    ['ftp://hooks.example/x', ON_PREMISES, ['must be an http(s) URL']],
    ['not a url', ON_PREMISES, ['must be an absolute http(s) URL']],
    ['https://user:pw@hooks.example/x', STRICT, ['must not carry credentials (user:password@)']],
    ['https://token@hooks.example/x', ON_PREMISES, ['must not carry credentials (user:password@)']],
    [
      'https://10.1.2.3/x',
      STRICT,
      ['10.1.2.3 is a private address (allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)'],
    ],
    ['https://10.1.2.3/x', ON_PREMISES, []],
    [
      'https://[::1]:8443/x',
      STRICT,
      ['::1 is a loopback address (allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)'],
    ],
    ['https://[::ffff:127.0.0.1]/x', ON_PREMISES, ['::ffff:7f00:1 is an ipv4-mapped address']],
    ['https://[fe80::1]/x', ON_PREMISES, ['fe80::1 is a link-local address']],
    // the WHATWG parser normalises the other spellings of 127.0.0.1 before the check sees them
    [
      'https://2130706433/x',
      STRICT,
      ['127.0.0.1 is a loopback address (allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)'],
    ],
    [
      'https://0x7f.1/x',
      STRICT,
      ['127.0.0.1 is a loopback address (allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)'],
    ],
    ['https://169.254.169.254/latest/meta-data', ON_PREMISES, ['169.254.169.254 is a link-local address']],
    [
      'http://admin:x@127.0.0.1/x',
      STRICT,
      [
        'must use https (http only with WEBHOOK_ALLOW_HTTP=true)',
        'must not carry credentials (user:password@)',
        '127.0.0.1 is a loopback address (allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)',
      ],
    ],
  ])('%s under %j', (url, policy, problems) => {
    expect(urlProblems(url, policy)).toEqual(problems);
  });
});
