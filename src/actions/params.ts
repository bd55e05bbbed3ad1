import { isIP } from 'node:net';
import { z } from 'zod';

/** `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`. */
export function isIpOrCidr(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/** `*`, `443` or `8000-8080`, ports 1..65535. */
export function isPortRange(value: string): boolean {
  if (value === '*') return true;
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low >= 1 && high <= 65535 && low <= high;
}

export const ipOrCidr = z
  .string()
  .refine(isIpOrCidr, 'must be an IP address or CIDR range, e.g. 203.0.113.7 or 203.0.113.0/24');

export const portRange = z.string().refine(isPortRange, 'must be *, a port such as 443, or a range such as 8000-8080');
