import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.ts';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { newEvent } from '../../src/domain/event.types.ts';
import { GENESIS_HASH, chainEvents, hashEvent, serialiseEvent, verifyLines } from '../../src/domain/hash-chain.ts';

const alice: Actor = { platform: 'console', id: 'alice', name: 'alice' };

function sampleLog(): string[] {
  const first = chainEvents({ incidentId: 'ir-1', seq: 0, hash: GENESIS_HASH }, [newEvent('IncidentDeclared', { title: 'Exfiltration from stprod01', severity: 'High', commander: 'console:alice' })], alice, new Date('2026-11-20T09:15:00Z'));
  const head = first.at(-1)!;
  const rest = chainEvents({ incidentId: 'ir-1', seq: head.seq, hash: head.hash }, [newEvent('NoteAdded', { text: 'first look: «ünïcode» "quotes"' }), newEvent('StatusChanged', { from: 'declared', to: 'investigating' })], alice, new Date('2026-11-20T09:20:00Z'));
  return [...first, ...rest].map(serialiseEvent);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/not representable/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/not representable/);
  });

  it('gives the same text for the same value whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        return canonicalJson(record) === canonicalJson(reversed);
      }),
    );
  });
});

describe('the hash chain', () => {
  it('links each event to the previous hash, from the genesis hash', () => {
    const events = sampleLog().map((line) => JSON.parse(line));
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[2].hash).toBe(hashEvent(events[1].hash, events[2]));
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it('verifies an untouched log', () => {
    const lines = sampleLog();
    expect(verifyLines('ir-1', lines)).toEqual({ intact: true, count: 3, headHash: JSON.parse(lines[2]!).hash });
  });

  it('names the seq of the line whenever any single byte of any line changes', () => {
    const lines = sampleLog();
    for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
      const bytes = Buffer.from(lines[lineIndex]!, 'utf8');
      for (let at = 0; at < bytes.length; at++) {
        for (const delta of [1, 0x20]) {
          const changed = Buffer.from(bytes);
          changed[at] = (changed[at]! + delta) % 256;
          if (changed[at] === 0x0a) continue; // a newline would split the line: covered below
          const tampered = [...lines];
          tampered[lineIndex] = changed.toString('utf8');
          const verdict = verifyLines('ir-1', tampered);
          expect(verdict.intact, `byte ${at} of seq ${lineIndex + 1}`).toBe(false);
          if (!verdict.intact) expect(verdict.brokenSeq).toBe(lineIndex + 1);
        }
      }
    }
  });

  it('catches a removed, reordered or foreign event', () => {
    const lines = sampleLog();
    expect(verifyLines('ir-1', [lines[0]!, lines[2]!])).toMatchObject({ intact: false, brokenSeq: 2 });
    expect(verifyLines('ir-1', [lines[1]!, lines[0]!, lines[2]!])).toMatchObject({ intact: false, brokenSeq: 1 });
    expect(verifyLines('ir-2', lines)).toMatchObject({ intact: false, brokenSeq: 1 });
  });

  it('catches an event rewritten with a recomputed hash, at the next link', () => {
    const lines = sampleLog();
    const second = JSON.parse(lines[1]!);
    second.data.text = 'nothing to see';
    second.hash = hashEvent(second.prevHash, second);
    const verdict = verifyLines('ir-1', [lines[0]!, serialiseEvent(second), lines[2]!]);
    expect(verdict).toMatchObject({ intact: false, brokenSeq: 3, reason: expect.stringMatching(/prevHash/) });
  });
});
