import { describe, expect, it } from 'vitest';
import { supportDraft, supportSeverity, supportTicketBody } from '../../src/drafts/support.draft.ts';
import { emptyInput, fullInput, RESOURCE } from './draft.fixtures.ts';

function jsonBlock(markdown: string): unknown {
  const match = /(`{3,})json\n([\s\S]*?)\n\1/.exec(markdown);
  if (!match?.[2]) throw new Error('no json block');
  return JSON.parse(match[2]);
}

describe('support severity from incident severity and business impact', () => {
  it.each([
    ['High', undefined, 'critical'],
    ['Medium', undefined, 'moderate'],
    ['Low', undefined, 'minimal'],
    ['Informational', undefined, 'minimal'],
    ['Medium', 'critical', 'critical'],
    ['Low', 'moderate', 'moderate'],
    ['High', 'minimal', 'critical'],
  ] as const)('%s with business impact %s gives %s', (severity, impact, expected) => {
    expect(supportSeverity(severity, impact)).toBe(expected);
  });
});

describe('acceptance: the support draft for a High incident', () => {
  const draft = supportDraft(fullInput(), new Date('2026-11-20T11:00:00Z'));

  it('proposes severity A (critical) and carries the human sections', () => {
    expect(draft).toMatch(/^> \*\*DRAFT computed by Incident Commander\. Not legal advice\.\*\*/);
    expect(draft).toContain('**Severity:** A (`critical`), from incident severity High.');
    expect(draft).toContain('**Title:** Security incident INC-2026-0042: Exfiltration from stprod01');
    expect(draft).toContain(`## Affected resources\n\n- ${RESOURCE}`);
    expect(draft).toContain('## Timeline\n\n- 2026-11-20T08:40:00Z: Incident declared');
    expect(draft).toContain('## What we ask of Microsoft\n\n[TO COMPLETE: what Microsoft should do]');
    expect(draft).toContain('Sam Ops, sam@contoso.example, +1 425 555 0100 (prefers phone; Pacific Standard Time; usa; en-US)');
  });

  it('includes the ticket body with severity, title, description, problemClassificationId and contactDetails', () => {
    const body = jsonBlock(draft) as { properties: Record<string, unknown> };
    expect(body).toEqual(supportTicketBody(fullInput()));
    expect(body.properties).toMatchObject({
      severity: 'critical',
      title: 'Security incident INC-2026-0042: Exfiltration from stprod01',
      problemClassificationId: expect.stringMatching(/^\[TO COMPLETE: \/providers\/Microsoft\.Support\/services\/\{serviceGuid\}\/problemClassifications\/\{problemClassificationGuid\}/),
      contactDetails: {
        firstName: 'Sam',
        lastName: 'Ops',
        preferredContactMethod: 'phone',
        primaryEmailAddress: 'sam@contoso.example',
        phoneNumber: '+1 425 555 0100',
        preferredTimeZone: 'Pacific Standard Time',
        country: 'usa',
        preferredSupportLanguage: 'en-US',
      },
    });
    expect(body.properties.description).toEqual(expect.stringContaining('Exfiltration from stprod01'));
  });
});

describe('supportTicketBody: the 2024-04-01 shape', () => {
  it('has every required property and the optional ones the incident knows', () => {
    const body = supportTicketBody(fullInput());
    expect(Object.keys(body.properties).sort()).toEqual(
      ['advancedDiagnosticConsent', 'contactDetails', 'description', 'problemClassificationId', 'problemStartTime', 'require24X7Response', 'serviceId', 'severity', 'technicalTicketDetails', 'title'].sort(),
    );
    expect(body.properties).toMatchObject({ advancedDiagnosticConsent: 'No', require24X7Response: true, problemStartTime: '2026-11-20T08:40:00.000Z', technicalTicketDetails: { resourceId: RESOURCE } });
    expect(body.properties.description).toContain('Timeline 2026-11-20T09:00:00Z: Sentinel alert');
    expect(body.properties.description).toContain(`Containment executed: 2026-11-20T10:05:00Z storage.rotate-key on ${RESOURCE}`);
  });

  it('uses the given classification and derives the service from it', () => {
    const problemClassificationId = '/providers/Microsoft.Support/services/517f2da6-78fd-0498-4e22-ad26996b1dfc/problemClassifications/3ec1a070-f242-9ecf-5d7c-b1a5e1e2ba2d';
    const body = supportTicketBody(fullInput({ support: { problemClassificationId, ask: 'Confirm access to stprod01 from Microsoft-hosted IPs', problemStartTime: new Date('2026-11-19T22:00:00Z') } }));
    expect(body.properties).toMatchObject({
      problemClassificationId,
      serviceId: '/providers/Microsoft.Support/services/517f2da6-78fd-0498-4e22-ad26996b1dfc',
      problemStartTime: '2026-11-19T22:00:00.000Z',
    });
    expect(body.properties.description).toContain('What we ask of Microsoft: Confirm access to stprod01 from Microsoft-hosted IPs');
  });

  it('Medium is B without 24x7; raised to A by a critical business impact', () => {
    expect(supportTicketBody(emptyInput()).properties).toMatchObject({ severity: 'moderate', require24X7Response: false });
    const raised = { ...emptyInput(), businessImpact: 'critical' as const };
    expect(supportTicketBody(raised).properties).toMatchObject({ severity: 'critical', require24X7Response: true });
    expect(supportDraft(raised)).toContain('**Severity:** A (`critical`), from incident severity Medium, raised by the business impact (critical).');
  });

  it('marks a missing contact instead of inventing one, and omits the resource when none is known', () => {
    const body = supportTicketBody(emptyInput());
    expect(body.properties.contactDetails).toMatchObject({ firstName: '[TO COMPLETE: first name]', preferredContactMethod: 'email', primaryEmailAddress: '[TO COMPLETE: email address]' });
    expect(body.properties.technicalTicketDetails).toBeUndefined();
    expect(supportDraft(emptyInput())).toContain('## Contact\n\n[TO COMPLETE: the person Microsoft should contact');
  });

  it('a title with backticks cannot break out of the JSON block', () => {
    const input = fullInput({ incident: { ...fullInput().incident, title: 'x\n```\n# injected' } });
    const draft = supportDraft(input);
    expect(jsonBlock(draft)).toEqual(supportTicketBody(input));
    expect(draft).not.toMatch(/^# injected/m);
  });
});
