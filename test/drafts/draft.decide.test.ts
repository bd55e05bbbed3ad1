import { describe, it } from 'vitest';
import { DECLARED, POOLS, bob, given, mallory } from '../support/given.ts';
import { decideDraft } from '../../src/drafts/draft.decide.ts';
import { decideDismiss } from '../../src/sentinel/triage.decide.ts';
import { domainError } from '../../src/domain/errors.ts';
import { newEvent } from '../../src/domain/event.types.ts';

/** The draft and triage deciders, called directly. */

const drafted = { ok: true as const, value: { event: newEvent('DraftGenerated', { kind: 'regulator', regime: 'gdpr-art33', sha256: 'ab'.repeat(32), characters: 1200 }) } };

describe('draft', () => {
  it('records a participant\'s draft by its hash', () => {
    given(DECLARED).whenDecided((state) => decideDraft(state, drafted, { actor: bob, pools: POOLS })).then({ type: 'DraftGenerated', data: { regime: 'gdpr-art33', characters: 1200 } });
  });

  it('refuses, on the record, someone with no role (drafts carry the breach figures), before saying why none could be made', () => {
    given(DECLARED).whenDecided((state) => decideDraft(state, drafted, { actor: mallory, pools: POOLS })).refused('policy.not_participant', { recorded: true });
    const impossible = { ok: false as const, error: domainError('clock.unknown_regime', 'There is no regime "ccpa-99".') };
    given(DECLARED).whenDecided((state) => decideDraft(state, impossible, { actor: mallory, pools: POOLS })).refused('policy.not_participant', { recorded: true });
    given(DECLARED).whenDecided((state) => decideDraft(state, impossible, { actor: bob, pools: POOLS })).refused('clock.unknown_regime');
  });
});

describe('dismissing a Sentinel proposal', () => {
  it('records the disposition with its reason, from someone who may declare', () => {
    given().whenDecided(() => decideDismiss('a pentest we booked', { actor: bob, pools: POOLS })).then({ type: 'TriageDecided', data: { decision: 'dismissed', reason: 'a pentest we booked' } });
  });

  it('refuses, on the record, someone in neither pool', () => {
    given().whenDecided(() => decideDismiss('nothing', { actor: mallory, pools: POOLS })).refused('policy.cannot_declare', { recorded: true });
  });
});
