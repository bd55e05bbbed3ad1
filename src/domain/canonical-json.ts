/**
 * Canonical JSON: object keys sorted by code unit, no insignificant whitespace,
 * `undefined` members dropped. The same value always gives the same bytes, which
 * is what the hash chain needs: re-serialising an event must reproduce its line.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return serialise(value, new Set());
}

function serialise(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not representable in JSON`);
  }
  const obj = value;
  if (seen.has(obj)) throw new TypeError('canonicalJson: cyclic structure');
  seen.add(obj);
  try {
    if (Array.isArray(obj))
      return `[${obj.map((item) => serialise(item === undefined ? null : item, seen)).join(',')}]`;
    const record = obj as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialise(record[key], seen)}`);
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}
