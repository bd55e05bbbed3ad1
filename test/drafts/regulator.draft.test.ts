import { describe, expect, it } from 'vitest';
import { recordNotified } from '../../src/clocks/clocks.ts';
import { SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import { regulatorDraft } from '../../src/drafts/regulator.draft.ts';
import { AWARE, clockOf, emptyInput, fullInput, hoursAfterAwareness } from './draft.fixtures.ts';

const HEADER = /^> \*\*DRAFT computed by Incident Commander\. Not legal advice\.\*\*/;

describe('acceptance: the GDPR Art. 33 notice', () => {
  const draft = regulatorDraft('gdpr-art33', fullInput(), hoursAfterAwareness(2));

  it('starts with the draft / not legal advice header', () => {
    expect(draft).toMatch(HEADER);
  });

  it('has the four parts of Art. 33(3), in order', () => {
    const parts = ['## (a) Nature of the personal data breach', '## (b) Data protection officer or other contact point', '## (c) Likely consequences of the breach', '## (d) Measures taken or proposed'];
    const positions = parts.map((part) => draft.indexOf(part));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('(a) carries the assessed numbers of subjects and records, and the categories', () => {
    expect(draft).toContain('**Approximate number of data subjects concerned:** approximately 12,400');
    expect(draft).toContain('**Approximate number of personal data records concerned:** approximately 58,000');
    expect(draft).toContain('- email address\n- postal address');
    expect(draft).toContain('2026-11-20T09:15:00Z (confirmed by slack:ULEGAL)');
  });

  it('(b) the DPO, (d) the executed actions, and the computed deadline with its label', () => {
    expect(draft).toContain('Dana Privacy, dpo@contoso.example');
    expect(draft).toMatch(/- 2026-11-20T10:05:00Z: storage\.rotate-key on \/subscriptions\/.*stprod01/);
    expect(draft).toContain('**Deadline:** 2026-11-23T09:15:00Z: 72 hours from awareness (computed, not legal advice)');
    expect(draft).toContain('## Phased notification (Art. 33(4))');
  });

  it('marks what is not known instead of inventing it', () => {
    expect(draft).toContain('**Categories of data subjects concerned:** [TO COMPLETE:');
    expect(draft).toMatch(/## \(c\) Likely consequences of the breach\n\n\[TO COMPLETE: likely consequences/);
  });

  it('has no reasons-for-delay section before the deadline, and has one once it has passed', () => {
    expect(draft).not.toContain('Reasons for the delay');
    expect(regulatorDraft('gdpr-art33', fullInput(), hoursAfterAwareness(72))).not.toContain('Reasons for the delay');
    const late = regulatorDraft('gdpr-art33', fullInput(), hoursAfterAwareness(73));
    expect(late).toContain('## Reasons for the delay (Art. 33(1))');
    expect(late).toContain('after the deadline of 2026-11-23T09:15:00Z. [TO COMPLETE: the reasons for the delay]');
  });

  it('keeps the delay section for a notice recorded late, and drops it for one on time', () => {
    const onTime = fullInput({ clocks: [recordNotified(clockOf('gdpr-art33'), { at: hoursAfterAwareness(70), by: 'slack:ULEGAL' })] });
    expect(regulatorDraft('gdpr-art33', onTime, hoursAfterAwareness(100))).not.toContain('Reasons for the delay');
    const late = fullInput({ clocks: [recordNotified(clockOf('gdpr-art33'), { at: hoursAfterAwareness(75), by: 'slack:ULEGAL' })] });
    expect(regulatorDraft('gdpr-art33', late, hoursAfterAwareness(100))).toContain('Reasons for the delay');
  });

  it('computes the deadline from the assessment when the clock was not started', () => {
    expect(regulatorDraft('gdpr-art33', fullInput({ clocks: [] }), hoursAfterAwareness(1))).toContain('**Deadline:** 2026-11-23T09:15:00Z');
  });

  it('an empty incident gives markers, never invented facts', () => {
    const empty = regulatorDraft('gdpr-art33', emptyInput(), AWARE);
    expect(empty).toContain('**Approximate number of data subjects concerned:** [TO COMPLETE: approximate number of data subjects concerned]');
    expect(empty).toContain('[TO COMPLETE: name and contact details of the data protection officer or other contact point]');
    expect(empty).toContain('**Deadline:** [TO COMPLETE: confirm the start time (becoming aware)');
    expect(empty).toContain('- [TO COMPLETE: containment measures taken; none is recorded on the incident]');
  });
});

describe('UK GDPR: the same notice, to the ICO', () => {
  it('names the ICO and keeps parts (a)-(d)', () => {
    const draft = regulatorDraft('uk-gdpr', fullInput({ clocks: [clockOf('uk-gdpr')] }), hoursAfterAwareness(2));
    expect(draft).toContain("# Personal data breach notification: UK GDPR Art. 33");
    expect(draft).toContain("**To:** Information Commissioner's Office (ICO)");
    expect(draft).toContain('## (d) Measures taken or proposed');
  });
});

describe('NIS2', () => {
  it('early warning asks the two Art. 23(4)(a) questions, answered when known', () => {
    const unknown = regulatorDraft('nis2-early-warning', fullInput(), hoursAfterAwareness(2));
    expect(unknown).toMatch(HEADER);
    expect(unknown).toContain('## Suspected unlawful or malicious acts\n\n[TO COMPLETE:');
    expect(unknown).toContain('**Deadline:** 2026-11-21T09:15:00Z: 24 hours from awareness');
    const known = regulatorDraft('nis2-early-warning', fullInput({ facts: { suspectedMalicious: true, crossBorder: false } }), hoursAfterAwareness(2));
    expect(known).toContain('## Suspected unlawful or malicious acts\n\nYes');
    expect(known).toContain('## Possible cross-border impact\n\nNo');
  });

  it('notification carries the initial assessment, severity, impact and IoCs', () => {
    const draft = regulatorDraft('nis2-notification', fullInput({ facts: { indicators: ['203.0.113.7', 'evil.example'] } }), hoursAfterAwareness(2));
    expect(draft).toContain('## Initial assessment');
    expect(draft).toContain('**Severity:** High');
    expect(draft).toContain('**Impact:** [TO COMPLETE:');
    expect(draft).toContain('## Indicators of compromise\n\n- 203.0.113.7\n- evil.example');
    expect(regulatorDraft('nis2-notification', fullInput(), hoursAfterAwareness(80))).toContain('## Late submission');
  });
});

describe('SEC 8-K Item 1.05', () => {
  it('asks for the material aspects and impact, with the 8-K/A note and the 17:30 ET due time', () => {
    const clock = clockOf('sec-8k', { materiality: new Date('2026-11-25T15:00:00-05:00') });
    const draft = regulatorDraft('sec-8k', fullInput({ clocks: [clock] }), new Date('2026-11-26T12:00:00Z'));
    expect(draft).toMatch(HEADER);
    expect(draft).toContain('material aspects of the nature, scope and timing');
    expect(draft).toContain('material impact or reasonably likely material impact');
    expect(draft).toContain('Form 8-K/A) within 4 business days');
    expect(draft).toContain('**Deadline:** 2026-12-02T22:30:00Z: 4 business days (us-sec-edgar), at 17:30 America/New\\_York from materiality (computed, not legal advice)');
    expect(draft).toContain('**Materiality determined:** 2026-11-25T20:00:00Z');
  });

  it('does not take the awareness time as the materiality determination', () => {
    expect(regulatorDraft('sec-8k', fullInput(), hoursAfterAwareness(2))).toContain('**Materiality determined:** [TO COMPLETE:');
  });
});

describe('generic notices (US states, HIPAA, and every other regime)', () => {
  it('us-ca lists the required contents to complete and what the incident knows', () => {
    const clock = clockOf('us-ca', { discovery: AWARE });
    const draft = regulatorDraft('us-ca', fullInput({ clocks: [clock] }), hoursAfterAwareness(2));
    expect(draft).toMatch(HEADER);
    expect(draft).toContain('**To:** affected California residents');
    expect(draft).toContain('### 2. the types of personal information involved');
    expect(draft).toContain('**People affected:** approximately 12,400');
    expect(draft).toContain('AG sample notice if more than 500 residents, within 15 days of notifying individuals');
    expect(draft).toContain('**Deadline:** 2026-12-20T09:15:00Z: 30 calendar days (dates in America/Los\\_Angeles) from discovery');
  });

  it('hipaa, without a discovery time, asks for it rather than reusing awareness', () => {
    const draft = regulatorDraft('hipaa', fullInput(), hoursAfterAwareness(2));
    expect(draft).toContain('**Deadline:** [TO COMPLETE: confirm the start time (discovery)');
    expect(draft).toContain('### 5. contact procedures');
  });

  it.each(SHIPPED_REGIMES.map((regime) => [regime.id]))('%s drafts with the header and no leftover undefined', (id) => {
    const draft = regulatorDraft(id, fullInput(), hoursAfterAwareness(2));
    expect(draft).toMatch(HEADER);
    expect(draft).not.toMatch(/undefined|NaN|\[object Object\]/);
  });

  it('an unknown regime id is a programming error', () => {
    expect(() => regulatorDraft('gdpr-art99', fullInput(), AWARE)).toThrow(RangeError);
  });
});

describe('hostile text stays text', () => {
  it('a title and categories cannot inject headings, links or HTML', () => {
    const input = fullInput({
      incident: { ...fullInput().incident, title: 'Leak\n## (d) Measures taken or proposed\n[ok](javascript:alert(1)) <script>x</script>' },
      breach: { ...fullInput().breach!, categories: ['# big', '<b>x</b>'] },
    });
    const draft = regulatorDraft('gdpr-art33', input, hoursAfterAwareness(2));
    expect(draft.match(/^## \(d\)/gm)).toHaveLength(1);
    expect(draft).not.toContain('[ok](');
    expect(draft).not.toContain('<script>');
    expect(draft).toContain('- \\# big\n- \\<b\\>x\\</b\\>');
  });
});

describe('a draft states only what the role and the jurisdiction have', () => {
  const processor = fullInput({ clocks: [], breach: { ...fullInput().breach!, role: 'processor' } });

  it("a processor's GDPR draft states no deadline to the authority (Art. 33(2): it tells its controller)", () => {
    const draft = regulatorDraft('gdpr-art33', processor, hoursAfterAwareness(2));
    expect(draft).toContain('**Deadline:** none for a processor: GDPR Art. 33 binds controllers.');
    expect(draft).not.toMatch(/\*\*Deadline:\*\* 2026-/);
    expect(regulatorDraft('gdpr-art33', fullInput({ clocks: [] }), hoursAfterAwareness(2))).toMatch(/\*\*Deadline:\*\* 2026-11-23T09:15:00Z/);
  });

  it('a Californian letter states the Californians, not the global total', () => {
    const input = fullInput({ breach: { ...fullInput().breach!, subjects: 16600, subjectsIn: { DE: 12400, 'US-CA': 4200 } } });
    expect(regulatorDraft('us-ca', input, hoursAfterAwareness(2))).toContain('**People affected:** approximately 4,200 in US-CA');
    expect(regulatorDraft('us-ca', fullInput(), hoursAfterAwareness(2))).toContain('**People affected:** approximately 12,400;');
  });
});
