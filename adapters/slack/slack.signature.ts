import type { IncomingHttpHeaders } from 'node:http';
import { verifySlackRequest } from '@slack/bolt';
import type { Secret } from '../config/secret.ts';

/**
 * How far a request's `X-Slack-Request-Timestamp` may be from our clock, either
 * way. Slack's replay window is 5 minutes; Bolt only refuses old timestamps, so
 * a captured request with a future timestamp would stay replayable until then.
 */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export type RequestCheck =
  { ok: true } | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale' | 'future' | 'bad_signature' };

/**
 * Checks a request as Slack signs it: the timestamp within 5 minutes of
 * `nowMs` in both directions, then Bolt's own v0 check (HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the signing secret, compared in constant
 * time by `tsscmp`). Never throws; the reason is for the log, not the caller.
 */
export function checkSlackRequest(
  headers: IncomingHttpHeaders,
  rawBody: string,
  signingSecret: Secret,
  nowMs: number,
): RequestCheck {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew < -TIMESTAMP_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  if (skew > TIMESTAMP_WINDOW_SECONDS) return { ok: false, reason: 'future' };
  try {
    verifySlackRequest({
      signingSecret: signingSecret.reveal(),
      body: rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: nowMs,
    });
    return { ok: true };
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
}
