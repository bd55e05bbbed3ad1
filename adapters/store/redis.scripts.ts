import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The Lua scripts of the Redis store. A script runs atomically on the server,
 * which is what makes "check, then write" one step across many replicas.
 * Each script touches the keys of one hash slot only (Redis Cluster refuses
 * a script whose keys live in different slots).
 */

/** A Lua script sent once and then run by its SHA-1 (`EVALSHA`), re-sent if the server forgot it (`NOSCRIPT`). */
export class LuaScript {
  private readonly sha: string;

  constructor(
    private readonly lua: string,
    private readonly numberOfKeys: number,
  ) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Runs the script with `keys` (exactly `numberOfKeys`) and `args`. */
  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    if (keys.length !== this.numberOfKeys)
      throw new Error(`store: script needs ${this.numberOfKeys} keys, got ${keys.length}`);
    try {
      return await client.evalsha(this.sha, this.numberOfKeys, ...keys, ...args);
    } catch (error) {
      // After a restart or SCRIPT FLUSH the server no longer knows the script: send its text once.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.lua, this.numberOfKeys, ...keys, ...args);
    }
  }
}

/**
 * KEYS[1] the log list, KEYS[2] its meta hash, KEYS[3] its command hash
 * (command id -> seq of its last event). ARGV[1] the expected seq, ARGV[2]
 * the first event's `at`, ARGV[3] `1` if a closing event is among the lines,
 * ARGV[4] the command id ('' for none), ARGV[5..] the canonical lines.
 * A command already in the log is not appended again, whatever the expected
 * seq: a client that re-sends the script after a reconnect gets `{2, seq}`.
 * Otherwise appends only if the list holds exactly `expectedSeq` lines.
 * Returns `{1, newLength}`, `{0, actualLength}` or `{2, seqOfThatCommand}`.
 */
export const APPEND_SCRIPT = new LuaScript(
  `if ARGV[4] ~= '' then
  local done = redis.call('HGET', KEYS[3], ARGV[4])
  if done then return {2, tonumber(done)} end
end
local length = redis.call('LLEN', KEYS[1])
if length ~= tonumber(ARGV[1]) then return {0, length} end
for i = 5, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
if length == 0 then redis.call('HSET', KEYS[2], 'first', ARGV[2]) end
if ARGV[3] == '1' then redis.call('HSET', KEYS[2], 'closed', '1') end
local seq = length + #ARGV - 4
if ARGV[4] ~= '' then redis.call('HSET', KEYS[3], ARGV[4], seq) end
return {1, seq}`,
  3,
);

/**
 * KEYS[1] the claim. ARGV[1] now in epoch ms by the store's clock, ARGV[2] the
 * new expiry in epoch ms, ARGV[3] the Redis TTL in ms. Takes the key unless it
 * holds an expiry later than now. Returns 1 if taken, 0 if held.
 */
export const CLAIM_SCRIPT = new LuaScript(
  `local held = redis.call('GET', KEYS[1])
if held then
  local expiresAt = tonumber(held)
  if expiresAt and expiresAt > tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`,
  1,
);

/**
 * KEYS[1] pending hash, KEYS[2] owners hash, KEYS[3] seen sorted set.
 * ARGV[1] the id, ARGV[2] the entry's JSON, ARGV[3] the owner token, ARGV[4]
 * now in ms, ARGV[5] how long seen ids are remembered in ms. Returns 1 when
 * kept (or when this owner kept it before: a re-sent script), 0 for a
 * duplicate. Forgets up to 100 ids seen before the horizon that are done.
 */
export const INBOX_PUT_SCRIPT = new LuaScript(
  `local owner = redis.call('HGET', KEYS[2], ARGV[1])
if owner then
  if owner == ARGV[3] then return 1 end
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[3], tonumber(ARGV[4]), ARGV[1])
local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', tonumber(ARGV[4]) - tonumber(ARGV[5]), 'LIMIT', 0, 100)
for _, id in ipairs(old) do
  if redis.call('HEXISTS', KEYS[1], id) == 0 then
    redis.call('HDEL', KEYS[2], id)
    redis.call('ZREM', KEYS[3], id)
  end
end
return 1`,
  3,
);

/**
 * The `[status, length]` pair the append script returns, checked: a reply of another shape is a bug, not a conflict.
 */
export function appendReply(reply: unknown): { ok: boolean; duplicate: boolean; length: number } {
  if (Array.isArray(reply) && reply.length === 2 && typeof reply[0] === 'number' && typeof reply[1] === 'number') {
    return { ok: reply[0] === 1 || reply[0] === 2, duplicate: reply[0] === 2, length: reply[1] };
  }
  throw new Error(`store: unexpected reply from the Redis append script: ${JSON.stringify(reply)}`);
}

/**
 * KEYS[1] the due sorted set, KEYS[2] the hash of the seq each due time was
 * computed at. ARGV[1] the incident id, ARGV[2] the seq, ARGV[3] the due time
 * in ms or `none`. A time computed at an older seq than the kept one is
 * ignored (a slow replica's answer); returns 1 when written.
 */
export const SET_DUE_SCRIPT = new LuaScript(
  `local kept = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '-1')
if kept > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ARGV[3] == 'none' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
return 1`,
  2,
);
