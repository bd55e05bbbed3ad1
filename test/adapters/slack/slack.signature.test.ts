import { describe, expect, it } from 'vitest';
import { Secret } from '../../../adapters/config/secret.ts';
import { checkSlackRequest, TIMESTAMP_WINDOW_SECONDS } from '../../../adapters/slack/slack.signature.ts';
import { fixture, slackSignature } from './support/slack-requests.ts';

/** Slack's documented signing example (python-slack-sdk's test vector), copied into test/fixtures/slack. */
const vector = JSON.parse(fixture('signing-test-vector.json')) as { signing_secret: string; timestamp: string; body: string; expected_signature: string };
const secret = new Secret(vector.signing_secret);
const at = (seconds: number) => seconds * 1000;
const headers = (timestamp: string | number, signature: string) => ({ 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature });

describe('the test signer', () => {
  it('reproduces Slack\'s documented example signature', () => {
    expect(slackSignature(vector.signing_secret, vector.timestamp, vector.body)).toBe(vector.expected_signature);
  });
});

describe('checkSlackRequest', () => {
  const now = Number(vector.timestamp);

  it('accepts the documented example at its own time', () => {
    expect(checkSlackRequest(headers(vector.timestamp, vector.expected_signature), vector.body, secret, at(now))).toEqual({ ok: true });
  });

  it('refuses a changed body, a changed signature, another secret and another scheme', () => {
    expect(checkSlackRequest(headers(vector.timestamp, vector.expected_signature), `${vector.body}&x=1`, secret, at(now))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkSlackRequest(headers(vector.timestamp, vector.expected_signature.replace(/.$/, '0')), vector.body, secret, at(now))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkSlackRequest(headers(vector.timestamp, vector.expected_signature), vector.body, new Secret('another-secret-000'), at(now))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkSlackRequest(headers(vector.timestamp, vector.expected_signature.replace('v0=', 'v1=')), vector.body, secret, at(now))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('keeps a two-sided 5-minute window on the given clock', () => {
    const signedAt = (timestamp: number) => headers(timestamp, slackSignature(vector.signing_secret, timestamp, vector.body));
    expect(checkSlackRequest(signedAt(now - TIMESTAMP_WINDOW_SECONDS), vector.body, secret, at(now))).toEqual({ ok: true });
    expect(checkSlackRequest(signedAt(now + TIMESTAMP_WINDOW_SECONDS), vector.body, secret, at(now))).toEqual({ ok: true });
    expect(checkSlackRequest(signedAt(now - 6 * 60), vector.body, secret, at(now))).toEqual({ ok: false, reason: 'stale' });
    expect(checkSlackRequest(signedAt(now + 10 * 60), vector.body, secret, at(now))).toEqual({ ok: false, reason: 'future' });
    expect(checkSlackRequest(signedAt(now + TIMESTAMP_WINDOW_SECONDS + 1), vector.body, secret, at(now))).toEqual({ ok: false, reason: 'future' });
  });

  it('refuses missing, repeated and malformed headers', () => {
    expect(checkSlackRequest({}, vector.body, secret, at(now))).toEqual({ ok: false, reason: 'missing_headers' });
    expect(checkSlackRequest({ 'x-slack-request-timestamp': vector.timestamp, 'x-slack-signature': [vector.expected_signature, vector.expected_signature] }, vector.body, secret, at(now))).toEqual({ ok: false, reason: 'missing_headers' });
    expect(checkSlackRequest(headers('1.5e9', vector.expected_signature), vector.body, secret, at(now))).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(checkSlackRequest(headers('', vector.expected_signature), vector.body, secret, at(now))).toEqual({ ok: false, reason: 'bad_timestamp' });
  });
});
