import { BlockList, isIP } from 'node:net';

/** Why an address may not receive a webhook; `public` is the only deliverable category. */
export type AddressCategory =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link_local'
  | 'unique_local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'invalid';

type Family = 'ipv4' | 'ipv6';

/** IANA special-purpose ranges that are never a customer's public endpoint, by category. */
const RANGES: ReadonlyArray<[Exclude<AddressCategory, 'public' | 'invalid'>, string, number, Family]> = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['cgnat', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link_local', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  // Class E and the limited broadcast address.
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  // IPv4-compatible (deprecated): `::127.0.0.1` would otherwise pass as an IPv6 address.
  ['reserved', '::', 96, 'ipv6'],
  ['reserved', '64:ff9b:1::', 48, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'],
  // Teredo tunnels an IPv4 address we cannot see through.
  ['reserved', '2001::', 32, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
  ['unique_local', 'fc00::', 7, 'ipv6'],
  ['link_local', 'fe80::', 10, 'ipv6'],
  ['reserved', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];

const LISTS = new Map<AddressCategory, BlockList>();
for (const [category, network, prefix, family] of RANGES) {
  const list = LISTS.get(category) ?? new BlockList();
  list.addSubnet(network, prefix, family);
  LISTS.set(category, list);
}

/**
 * The category of one IP address (v4 or v6, a zone id ignored). IPv4 ranges also match their
 * IPv4-mapped form (`::ffff:127.0.0.1`, BlockList does that), and the IPv4 address inside a NAT64
 * (`64:ff9b::/96`) or 6to4 (`2002::/16`) address is judged as itself. Anything else that is not
 * in a special-purpose range is `public`.
 */
export function classifyAddress(address: string): AddressCategory {
  const bare = address.replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 0) return 'invalid';
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  if (family === 'ipv6') {
    const embedded = embeddedIpv4(bare);
    if (embedded) return classifyAddress(embedded);
  }
  // Most specific first: `::` and `::1` before the IPv4-compatible `::/96`.
  for (const category of ['unspecified', 'loopback', 'private', 'cgnat', 'link_local', 'unique_local', 'multicast', 'reserved'] as const) {
    if (LISTS.get(category)?.check(bare, family)) return category;
  }
  return 'public';
}

/** The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries, if it is one. */
function embeddedIpv4(address: string): string | null {
  const words = ipv6Words(address);
  if (!words) return null;
  const [first = 0, second = 0, third = 0, , , , seventh = 0, eighth = 0] = words;
  if (first === 0x64 && second === 0xff9b && words.slice(2, 6).every((word) => word === 0)) return dotted(seventh, eighth);
  if (first === 0x2002) return dotted(second, third);
  return null;
}

/** The eight 16-bit words of a valid IPv6 address (`::` and a trailing dotted quad expanded). */
function ipv6Words(address: string): number[] | null {
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((word) => parseInt(word, 16));
}

function dotted(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
