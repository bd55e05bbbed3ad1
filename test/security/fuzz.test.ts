import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLines } from '../../src/domain/hash-chain.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import { blockActionsBody, slashCommandBody } from '../adapters/slack/support/slack-requests.ts';
import { startSlackRig, type SlackRig } from '../adapters/slack/support/slack-rig.ts';
import { PassThrough, Readable } from 'node:stream';
import { runConsoleSession } from '../../adapters/console/console.adapter.ts';
import { serviceHarness } from '../support/service-harness.ts';

/**
 * Hostile input at volume: random commands and interactions built from the grammar's own words, ids, flags, times,
 * prototype names, markup and control characters. Whatever comes in, nothing is logged at error level, nothing
 * throws, and every incident's hash chain verifies afterwards. Bounded in count, loopback only.
 */

const WORDS = [
  'declare', 'note', 'status', 'timeline', 'assign', 'close', 'breach', 'notified', 'not-required', 'clock', 'start',
  'draft', 'regulator', 'register', 'support', 'customers', 'request', 'approve', 'deny', 'undo', 'actions', 'runbook',
  'next', 'done', 'skip', 'drill', 'dismiss', 'help', 'commander', 'responder', 'legal', 'observer', 'gdpr-art33',
  'us-ca', 'ch-nfadp', 'dora-initial', 'sec-8k', 'storage.rotate-key', 'entra.revoke-sessions', 'act-0002',
  'act-0003', 'leaked-sas-token', 'TruePositive', 'High', 'Low', 'EU', 'US-CA', 'EL', 'XX', 'console:bob',
  'sentinel:42', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype',
  '--aware-at', '--at', '--jurisdictions', '--subjects', '--data', '--reason', '--confirm', '--severity', '--processor',
  '--high-risk', '--keyName', '--correct-aware-at', '2026-11-20T09:00:00Z', '2026-02-30T08:00:00Z', '1999-01-01T00:00:00Z',
  '2099-01-01T00:00:00Z', 'EU:12,US-CA:4', 'health,card', '"quoted text', "'single", '[link](https://evil.example)',
  '<!channel>', '<@U0ALICE>', '{{DATE(2026-01-01T00:00:00Z)}}', '\u001b[2J', '\u202eevil', '&amp;', '*bold*', '',
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1',
];

const word = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) });
const loose = fc.array(word, { minLength: 0, maxLength: 7 }).map((words) => words.join(' '));
/** Commands as people type them, with hostile or random arguments: these reach the deciders, not only the parser. */
const TEMPLATES = [
  'note {}', 'assign responder console:{}', 'assign legal console:lena', 'request storage.rotate-key {} --keyName key1',
  'request entra.revoke-sessions 6f2d9c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f', 'approve act-000{}', 'deny act-000{} {}',
  'undo act-000{}', 'breach --aware-at 2026-11-20T09:00:00Z --jurisdictions {}', 'notified {} REF-{}',
  'notified gdpr-art33 {} --at 2026-11-20T10:00:00Z', 'not-required {} --reason {}', 'not-required gdpr-art33 --confirm',
  'close TruePositive {}', 'status contained --reason {}', 'runbook leaked-sas-token', 'next', 'done {}', 'skip {}',
  'draft regulator {}', 'draft register', 'clock start {} --at 2026-11-20T09:00:00Z', 'declare {} --severity High',
  'timeline', 'actions', 'status',
];
const typed = fc.tuple(fc.constantFrom(...TEMPLATES), fc.array(word, { minLength: 3, maxLength: 3 })).map(([template, [a = '', b = '', c = '']]) => template.replace('{}', a).replace('{}', b).replace('{}', c));
const commandText = fc.oneof(loose, typed);
const BUTTONS = ['cmd:status', 'cmd:timeline', 'cmd:help', 'act:act-0002:approve', 'act:act-0002:deny', 'act:act-0003:undo', 'runbook:done:contain', 'runbook:act:rotate', 'triage:42:declare', 'support:file', 'form:breach', 'form:deny:act-0002', 'act:constructor:approve', 'x', ''];
const buttonId = fc.oneof(fc.constantFrom(...BUTTONS), fc.string({ maxLength: 30 }));

function recordingLogger(errors: string[]): Logger {
  return { debug() {}, info() {}, warn() {}, error: (message, fields) => void errors.push(`${message} ${JSON.stringify(fields ?? {})}`) };
}

async function expectEveryChainIntact(store: IncidentStore, ids: Iterable<string>): Promise<number> {
  const all = new Set([...ids, ...(await store.listOpen())]);
  for (const id of all) expect(verifyLines(id, await store.loadRaw(id)), id).toMatchObject({ intact: true });
  return all.size;
}

describe('fuzzing the command path', () => {
  it('8,000 commands and presses through the console core: no throw, no error log, every chain intact', async () => {
    const errors: string[] = [];
    const h = serviceHarness({ commander: ['console:alice'], responder: ['console:bob'], legal: ['console:lena'] }, undefined, [], { logger: recordingLogger(errors) });
    const people: Actor[] = ['alice', 'bob', 'lena', 'mallory'].map((id) => ({ platform: 'console', id, name: id }));
    await h.run(people[0]!, '/ir declare Fuzzing target --severity High');
    await h.run(people[2]!, '/ir breach --aware-at 2026-11-20T09:00:00Z --jurisdictions EU,US-CA');
    const ids = new Set<string>([h.incident()!]);
    let runs = 0;
    let appended = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(3), fc.boolean(), commandText, buttonId, async (who, typed, text, id) => {
        runs += 1;
        const actor = people[who]!;
        const reply = typed ? await h.run(actor, `/ir ${text}`) : await h.service.press({ buttonId: id, actor, incidentId: h.incident()! });
        if (reply.incidentId) ids.add(reply.incidentId);
        if (reply.ok) accepted += 1;
        appended += reply.appended.length;
      }),
      { numRuns: 8000, seed: 20261208 },
    );
    expect(runs).toBe(8000);
    // The input reaches the deciders, not only the parser: some of it is taken and recorded.
    expect(accepted).toBeGreaterThan(800);
    expect(appended).toBeGreaterThan(500);
    expect(errors).toEqual([]);
    expect(await expectEveryChainIntact(h.store, ids)).toBeGreaterThan(0);
  }, 180_000);

  it('2,000 lines piped into the console itself: every line answered, nothing unexpected, no raw control character out', async () => {
    const errors: string[] = [];
    const h = serviceHarness({ commander: ['console:alice'], legal: ['console:lena'] }, undefined, [], { logger: recordingLogger(errors) });
    const generated = fc.sample(fc.oneof({ weight: 5, arbitrary: commandText.map((text) => `/ir ${text}`) }, { weight: 1, arbitrary: fc.constantFrom(':as alice', ':as lena', ':as mallory', ':as ../../x', ':use constructor', ':incidents', ':help', ':nope') }), { numRuns: 2000, seed: 20261210 });
    const lines = ['/ir declare Console fuzz --severity High', ...generated.map((line) => line.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')).filter((line) => !/^\s*:(quit|exit)\s*$/.test(line))];
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const unexpected: unknown[] = [];
    await runConsoleSession({ service: h.service, store: h.store, input: Readable.from([`${lines.join('\n')}\n`]), output, user: 'alice', onUnexpected: (error) => (unexpected.push(error), 'fuzz') });
    expect(unexpected).toEqual([]);
    expect(printed).not.toContain('Something went wrong');
    // eslint-disable-next-line no-control-regex
    expect(printed).not.toMatch(/[\u001b\u0007\u202a-\u202e\u2066-\u2069]/);
    expect(errors).toEqual([]);
    expect(await expectEveryChainIntact(h.store, [])).toBeGreaterThan(0);
  }, 180_000);

  describe('through the signed Slack route', () => {
    let rig: SlackRig | undefined;
    afterEach(async () => {
      await rig?.stop();
      rig = undefined;
    });

    it('2,000 signed slash commands and button presses: Slack always gets an answer, no error log, every chain intact', async () => {
      rig = await startSlackRig({ roles: { commander: ['slack:U0CMDR001'], responder: ['slack:U0RESP001'] } });
      const r = rig;
      const users = ['U0CMDR001', 'U0RESP001', 'U0OUTS001'];
      const channels = ['C0GENERAL1', 'C00000001'];
      await r.post(slashCommandBody({ text: 'declare Fuzzing target --severity High', user_id: 'U0CMDR001', channel_id: 'C0GENERAL1', response_url: r.fake.responseUrl('seed'), trigger_id: '1.1.seed' }));
      await r.app.work.drain(5000);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.nat(2), fc.nat(1), fc.boolean(), commandText, buttonId, async (who, where, typed, text, id) => {
          n += 1;
          const trigger = `f${n}`;
          const common = { channel_id: channels[where]!, response_url: r.fake.responseUrl(trigger), trigger_id: `${trigger}.1.1` };
          const body = typed
            ? slashCommandBody({ text, user_id: users[who]!, ...common })
            : blockActionsBody({ actionId: id || 'x', userId: users[who]!, channelId: channels[where]!, responseUrl: common.response_url, triggerId: common.trigger_id });
          const answer = await r.post(body);
          expect([200, 404]).toContain(answer.status);
        }),
        { numRuns: 2000, seed: 20261209 },
      );
      await r.app.work.drain(20_000);
      expect(r.logs.filter((entry) => entry.level === 'error')).toEqual([]);
      expect(await expectEveryChainIntact(r.app.store, [])).toBeGreaterThan(0);
    }, 180_000);
  });
});
