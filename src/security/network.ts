/**
 * The network a client address belongs to, for counting attempts per network (never stored or
 * logged; only a daily keyed hash of it is kept in memory). An IPv4 address counts alone: many
 * respondents share one VPN exit or carrier address, and a wider net would join strangers. An
 * IPv6 address counts by its /56: one subscriber usually holds a whole /64 or /56 (home lines
 * get a /56, phones a /64) and can take a new address in it at will, so counting single IPv6
 * addresses would let one client rotate past any limit; /56 rather than /64 keeps a server
 * rented with a /48 to 256 networks instead of 65,536.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The IPv6 prefix length that counts as one network (a multiple of 4). */
export const ipv6NetworkBits = 56;

export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  const groups = isIPv6(address) ? expandIPv6(address) : undefined;
  if (!groups) return address;
  return `${groups.join('').slice(0, ipv6NetworkBits / 4)}/${ipv6NetworkBits}`;
}

/** Eight groups of four hex digits; a zone (`%eth0`) and an embedded IPv4 tail are handled. */
function expandIPv6(address: string): string[] | undefined {
  let a = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const [b1, b2, b3, b4] = v4.slice(1).map(Number) as [number, number, number, number];
    const tail = `${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
    a = a.slice(0, v4.index) + tail;
  }
  const [head, rest] = a.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return undefined;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => g.padStart(4, '0'));
}
