import { describe, expect, it } from 'vitest';
import { dataSubjectDraft } from '../../src/drafts/data-subject.draft.ts';
import { emptyInput, fullInput } from './draft.fixtures.ts';

describe('GDPR Art. 34 communication to data subjects', () => {
  it('for a high-risk breach: plain-language sections with the Art. 33(3)(b)-(d) content', () => {
    const draft = dataSubjectDraft(fullInput(), new Date('2026-11-20T12:00:00Z'));
    expect(draft).toMatch(/^> \*\*DRAFT computed by Incident Commander\. Not legal advice\.\*\*/);
    for (const heading of ['## What happened', '## What information was involved', '## What this could mean for you', '## What we have done', '## What you can do', '## Who to contact']) {
      expect(draft).toContain(heading);
    }
    expect(draft).toContain('- email address\n- postal address');
    expect(draft).toContain('Dana Privacy, dpo@contoso.example');
    expect(draft).toContain('storage.rotate-key');
    expect(draft).toContain('Art. 34(3)');
  });

  it('not high risk: explains why there is no communication', () => {
    const input = fullInput({ breach: { ...fullInput().breach!, highRisk: false } });
    const draft = dataSubjectDraft(input);
    expect(draft).toContain('not drafted');
    expect(draft).toContain('not likely to result in a high risk');
    expect(draft).not.toContain('## What happened');
  });

  it('undecided or unassessed: asks for the decision first', () => {
    const undecided = fullInput({ breach: { ...fullInput().breach!, highRisk: undefined } });
    expect(dataSubjectDraft(undecided)).toContain('does not say whether the breach is likely to result in a high risk');
    expect(dataSubjectDraft(emptyInput())).toContain('No breach assessment is recorded');
  });
});
