/**
 * A record's own value for a key a user supplied, never an inherited one: `clocks['constructor']` is
 * `Object.prototype.constructor` on a plain object, and a regime, action or step id is user text. Use it wherever
 * user text indexes an object.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
