import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, channelMessage, installedInPersonalChat, TENANT_ID } from './support/activities.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

const APP_ID = '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d';
const TENANT = '50612dbb-0237-4969-b378-8d42590f9c00';

/** A well-formed JWT signed by nobody, from an issuer the Bot Framework does not use. */
const FORGED_JWT = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'forged' })).toString('base64url'),
  Buffer.from(JSON.stringify({ iss: 'https://attacker.example', aud: APP_ID, serviceurl: 'http://127.0.0.1/', exp: 4102444800 })).toString('base64url'),
  'c2lnbmF0dXJl',
].join('.');

let rig: TeamsRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('inbound Bot Framework tokens', () => {
  it('with MicrosoftAppId set, refuses a request without a token and with bogus tokens (401), and changes nothing', async () => {
    rig = await startTeamsRig({ secure: true, env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'SingleTenant' }, graphOverHttps: true });
    const declare = () => channelMessage({ serviceUrl: rig!.connector.serviceUrl, from: ALICE, text: 'declare Exfiltration from stprod01 --severity High' });

    const attempts = [await rig.post(declare()), await rig.post(declare(), { authorization: 'Bearer not-a-token' }), await rig.post(declare(), { authorization: `Bearer ${FORGED_JWT}` }), await rig.post(declare(), { authorization: 'Basic YWxpY2U6c2VjcmV0' })];
    for (const attempt of attempts) expect(attempt).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    await rig.settle();

    expect(rig.incidentFiles()).toEqual([]);
    expect(await rig.app.store.listOpen()).toEqual([]);
    expect(rig.connector.connections).toBe(0);
    expect(rig.graph.connections).toBe(0);
    expect(await rig.app.store.getRecord('teams:service')).toBeUndefined();
    expect(JSON.stringify(rig.logs)).not.toContain('not-a-real-secret');
  });
});

/** A local OpenID document and key set, as login.botframework.com publishes them, so that real signatures can be checked. */
async function fakeOpenId(publicJwk: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') return void res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    if (req.url === '/v1/.well-known/keys') return void res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: 'k1', use: 'sig', endorsements: ['msteams'] }] }));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, sign: (input: string) => string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(input)}`;
}

describe('forged Bot Framework tokens, against a real key set', () => {
  it('accepts a token signed by the published key, and answers 401 to a wrong key, alg none, HS256 with a guessed key and nbf ahead, logging each once as a warning and printing nothing to stderr', async () => {
    const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const openId = await fakeOpenId(published.publicKey.export({ format: 'jwk' }) as Record<string, unknown>);
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stderr.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      rig = await startTeamsRig({ secure: true, env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT_ID, MicrosoftAppType: 'SingleTenant' }, graphOverHttps: true, openIdMetadataUrl: openId.url });
      const serviceUrl = rig.connector.serviceUrl;
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 };
      const rs256 = (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
      const header = { alg: 'RS256', typ: 'JWT', kid: 'k1' };
      const activity = () => installedInPersonalChat({ serviceUrl, user: ALICE });

      const good = await rig.post(activity(), { authorization: `Bearer ${jwt(header, claims, rs256(published.privateKey))}` });
      expect(good.status, JSON.stringify(rig.logs.filter((entry) => entry.level !== 'info'))).toBe(200);

      const forged = {
        'wrong key': jwt(header, claims, rs256(other.privateKey)),
        'alg none': jwt({ alg: 'none', typ: 'JWT', kid: 'k1' }, claims, () => ''),
        'HS256 with a guessed key': jwt({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims, (input) => createHmac('sha256', 'not-a-real-secret').update(input).digest('base64url')),
        'nbf in the future': jwt(header, { ...claims, nbf: now + 3600, exp: now + 7200 }, rs256(published.privateKey)),
        'expired': jwt(header, { ...claims, nbf: now - 7200, exp: now - 3600 }, rs256(published.privateKey)),
        'another audience': jwt(header, { ...claims, aud: 'another-app' }, rs256(published.privateKey)),
      };
      const before = rig.logs.length;
      for (const [kind, token] of Object.entries(forged)) {
        const answer = await rig.post(activity(), { authorization: `Bearer ${token}` });
        expect(answer, kind).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
      }
      await rig.settle();
      const refusals = rig.logs.slice(before).filter((entry) => entry.message === 'teams request refused: no valid Bot Framework token');
      expect(refusals).toHaveLength(Object.keys(forged).length);
      expect(refusals.every((entry) => entry.level === 'warn')).toBe(true);
      expect(rig.logs.slice(before).filter((entry) => entry.level === 'error')).toEqual([]);
      expect(stderr.join('')).toBe('');
    } finally {
      process.stderr.write = write;
      await openId.close();
    }
  });
});
