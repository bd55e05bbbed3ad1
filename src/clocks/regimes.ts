import { defaultReminders, type Regime } from './regime.types.ts';
import { SECTOR_REGIMES } from './sector-regimes.ts';
import { US_STATE_REGIMES } from './us-states.ts';
import { UNDUE_DELAY_REGIMES } from './undue-delay-regimes.ts';
import { WORLD_REGIMES } from './world-regimes.ts';

/**
 * The shipped regimes (DESIGN.md contracts, "regime ids"). Facts and
 * citations come from regulatory.md; every amount can be overridden in
 * IC_CONFIG because none of this is legal advice.
 */

const GDPR_CONTENTS = [
  '(a) nature of the breach, incl. categories and approximate number of data subjects and of personal data records ' +
    'concerned',
  '(b) name and contact details of the DPO or other contact point',
  '(c) likely consequences of the breach',
  '(d) measures taken or proposed, incl. measures to mitigate possible adverse effects',
];

const GDPR_NOTES = [
  'Not required when the breach is unlikely to result in a risk to the rights and freedoms of natural persons; ' +
    'document every breach anyway (Art. 33(5)).',
  'A notification later than 72 hours must be accompanied by reasons for the delay (Art. 33(1)).',
  'Information may be provided in phases without undue further delay (Art. 33(4)).',
  'A processor notifies its controller without undue delay instead (Art. 33(2)); this clock applies to controllers.',
];

const gdpr: Regime = {
  id: 'gdpr-art33',
  name: 'GDPR Art. 33',
  authority: 'lead supervisory authority',
  jurisdiction: 'EU',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 72 },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['EU'], requires: ['personalData'], roles: ['controller'] },
  contents: GDPR_CONTENTS,
  source: 'GDPR Art. 33(1)-(5); EDPB Guidelines 9/2022 on "becoming aware" (regulatory.md section 1)',
  notes: GDPR_NOTES,
  draft: 'gdpr',
};

const ukGdpr: Regime = {
  ...gdpr,
  id: 'uk-gdpr',
  name: 'UK GDPR Art. 33',
  authority: "Information Commissioner's Office (ICO), online or 0303 123 1113",
  jurisdiction: 'UK',
  appliesWhen: { jurisdictions: ['UK'], requires: ['personalData'], roles: ['controller'] },
  source: 'UK GDPR Arts 33/34; ICO "report a breach" (regulatory.md section 1)',
  notes: [
    ...GDPR_NOTES,
    'PECR service providers have 24 hours instead: override the amount in config if that applies.',
  ],
};

const nis2Common = {
  authority: 'CSIRT or competent authority',
  jurisdiction: 'EU',
  appliesWhen: { jurisdictions: ['EU'], requires: ['nis2Entity' as const] },
  source:
    'NIS2 Directive (EU) 2022/2555 Art. 23(4); Implementing Reg. (EU) 2024/2690 recital 31 (regulatory.md section 2)',
};

const nis2EarlyWarning: Regime = {
  ...nis2Common,
  id: 'nis2-early-warning',
  name: 'NIS2 early warning',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 24 },
  ...defaultReminders(),
  contents: [
    'whether the significant incident is suspected of being caused by unlawful or malicious acts',
    'whether it could have a cross-border impact',
  ],
  notes: [
    'Only for essential and important entities, for significant incidents (Art. 23(3)); check the national ' +
      'transposition.',
  ],
  draft: 'nis2-early-warning',
};

const nis2Notification: Regime = {
  ...nis2Common,
  id: 'nis2-notification',
  name: 'NIS2 incident notification',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 72 },
  ...defaultReminders(),
  contents: [
    'update of the early warning',
    'initial assessment of the incident, incl. its severity and impact',
    'indicators of compromise, where available',
  ],
  notes: [
    'Trust service providers: 24 hours instead (override in config).',
    'Intermediate reports are due on request of the CSIRT or competent authority.',
  ],
  draft: 'nis2-notification',
};

const nis2Final: Regime = {
  ...nis2Common,
  id: 'nis2-final',
  name: 'NIS2 final report',
  trigger: { after: 'nis2-notification' },
  deadline: { unit: 'months', amount: 1 },
  ...defaultReminders(),
  contents: [
    '(i) detailed description of the incident, incl. its severity and impact',
    '(ii) type of threat or root cause that likely triggered it',
    '(iii) applied and ongoing mitigation measures',
    '(iv) cross-border impact, where applicable',
  ],
  notes: [
    'If the incident is still ongoing at this date, send a progress report now and the final report within one ' +
      'month after handling ends.',
  ],
  draft: 'generic',
};

const doraCommon = {
  authority: 'competent authority (DORA)',
  jurisdiction: 'EU',
  appliesWhen: { jurisdictions: ['EU'], requires: ['doraEntity' as const] },
  source:
    'DORA Reg. (EU) 2022/2554; RTS Reg. (EU) 2025/301 Art. 5 (time limits), Arts 1-4 (content) (regulatory.md ' +
    'section 3)',
};

const DORA_CANNOT_MEET = 'If a deadline cannot be met, tell the authority before it expires, with the reasons.';

const doraInitial: Regime = {
  ...doraCommon,
  id: 'dora-initial',
  name: 'DORA initial notification',
  trigger: 'classification',
  deadline: { unit: 'hours', amount: 4 },
  noLaterThan: { trigger: 'awareness', deadline: { unit: 'hours', amount: 24 } },
  ...defaultReminders(),
  contents: [
    'general information (RTS Art. 1): submission type, entity name, LEI and type, submitter, contact persons, ' +
      'parent group, currency',
    "the entity's incident reference code",
    'date and time of detection and of classification as major',
    'description of the incident',
    'classification criteria met',
    'Member States impacted',
    'how the incident was discovered',
    'origin of the incident, if available',
    'whether the business continuity plan was activated',
    'reclassification information, if any',
  ],
  notes: [
    'The earlier of 4 hours from classification as major and 24 hours from becoming aware.',
    DORA_CANNOT_MEET,
    'Weekend relief exists for some entity types: verify.',
  ],
  draft: 'generic',
};

const doraIntermediate: Regime = {
  ...doraCommon,
  id: 'dora-intermediate',
  name: 'DORA intermediate report',
  trigger: { after: 'dora-initial' },
  deadline: { unit: 'hours', amount: 72 },
  ...defaultReminders(),
  contents: [
    'general information (RTS Art. 1)',
    'status update since the initial notification (RTS Art. 3: verify the list)',
  ],
  notes: [
    'Due even if nothing changed; update without undue delay once regular activities have recovered.',
    DORA_CANNOT_MEET,
  ],
  draft: 'generic',
};

const doraFinal: Regime = {
  ...doraCommon,
  id: 'dora-final',
  name: 'DORA final report',
  trigger: { after: 'dora-intermediate', fromLatestUpdate: true },
  deadline: { unit: 'months', amount: 1 },
  ...defaultReminders(),
  contents: [
    'general information (RTS Art. 1)',
    'root causes',
    'date and time the incident was resolved and the root cause addressed',
    'resolution information',
    'information for resolution authorities',
    'direct and indirect costs and losses, and recoveries',
    'recurring incidents',
  ],
  notes: [
    'Counted from the latest updated intermediate report: recording another dora-intermediate notice restarts it.',
    DORA_CANNOT_MEET,
  ],
  draft: 'generic',
};

const sec8k: Regime = {
  id: 'sec-8k',
  name: 'SEC Form 8-K Item 1.05',
  authority: 'U.S. Securities and Exchange Commission (EDGAR filing)',
  jurisdiction: 'US',
  trigger: 'materiality',
  // EDGAR accepts a filing as of that day until 5:30 pm Eastern, so the due time is 17:30 America/New_York on the 4th
  // business day.
  deadline: {
    unit: 'businessDays',
    amount: 4,
    calendar: 'us-sec-edgar',
    timeOfDay: { hour: 17, minute: 30, timeZone: 'America/New_York' },
    fromStatedDate: true,
  },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['US'], requires: ['secRegistrant'] },
  contents: [
    'material aspects of the nature, scope and timing of the incident',
    'material impact or reasonably likely material impact on the registrant, incl. its financial condition and ' +
      'results of operations',
  ],
  source: 'SEC Release 33-11216, Form 8-K Item 1.05 (regulatory.md section 4)',
  notes: [
    'Counted from the materiality determination, which must be made without unreasonable delay after discovery.',
    'Information not determined or unavailable at filing: say so, then file an 8-K/A within 4 business days after ' +
      'it becomes available.',
    'The business days count from the date of the determination where it was made (the offset its time was ' +
      "recorded with); where that date is earlier than New York's, the earlier deadline is taken.",
    'Delay only if the US Attorney General finds a substantial risk to national security or public safety and ' +
      'notifies the SEC in writing.',
  ],
  draft: 'sec-8k',
};

const pciVisa: Regime = {
  id: 'pci-visa',
  name: 'Visa account data compromise (PCI DSS 12.10.1)',
  authority: 'acquirer and Visa Fraud Investigations',
  jurisdiction: 'card payments',
  trigger: 'discovery',
  deadline: { unit: 'immediate', amount: 0 },
  ...defaultReminders(),
  appliesWhen: { requires: ['cardData'] },
  contents: [
    'notice of the suspected or confirmed compromise of account data',
    'containment taken, with evidence preserved (isolate, do not power off)',
  ],
  source: 'PCI DSS v4.0.1 Req. 12.10.1; Visa "What to do if compromised" (regulatory.md section 6)',
  notes: [
    'Notify the acquirer immediately; Visa within 3 calendar days of the suspected or confirmed compromise, and ' +
      'the at-risk account numbers within 10 business days (Visa "What To Do If Compromised" 6.0-8.0).',
    'Late notice: up to US$100,000 per incident on the acquirer. Mastercard: notify within 24 hours (verify).',
  ],
  draft: 'generic',
};

const hipaa: Regime = {
  id: 'hipaa',
  name: 'HIPAA breach notification',
  authority: 'affected individuals (and HHS at the same time if 500 or more)',
  jurisdiction: 'US',
  trigger: 'discovery',
  // No later than 60 calendar days after discovery, counted on Eastern dates: the earliest end of day among the
  // states, so the 60th day never ends after midnight anywhere on the mainland.
  deadline: { unit: 'calendarDays', amount: 60, timeZone: 'America/New_York' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['US'], requires: ['phi'], roles: ['controller'] },
  contents: [
    'what happened, incl. the date of the breach and the date of discovery',
    'the types of unsecured protected health information involved',
    'steps individuals should take to protect themselves',
    'what the covered entity is doing to investigate, mitigate and prevent recurrence',
    'contact procedures',
  ],
  source: '45 CFR 164.400-414 (164.404, 164.406, 164.408) (regulatory.md section 6)',
  notes: [
    'HHS at the same time if 500 or more individuals; otherwise in the annual log within 60 days after year end. ' +
      'Media if 500 or more in a state.',
    'A business associate notifies the covered entity within 60 days instead.',
    'Days are counted on New York dates (the earliest end of day in the states); an entity in Puerto Rico, Guam or ' +
      'another territory sets deadline.timeZone in config.',
    'The list of contents follows 45 CFR 164.404(c), which regulatory.md does not quote: verify.',
  ],
  draft: 'generic',
};

/** Every regime the bot ships: the EU, UK and US ones, the US states, the sector regimes and the rest of the world. */
export const SHIPPED_REGIMES: readonly Regime[] = [
  gdpr,
  ukGdpr,
  nis2EarlyWarning,
  nis2Notification,
  nis2Final,
  doraInitial,
  doraIntermediate,
  doraFinal,
  sec8k,
  pciVisa,
  hipaa,
  ...US_STATE_REGIMES,
  ...SECTOR_REGIMES,
  ...WORLD_REGIMES,
  ...UNDUE_DELAY_REGIMES,
];

/** The regime with `id` in `regimes`, or undefined. */
export function findRegime(regimes: readonly Regime[], id: string): Regime | undefined {
  return regimes.find((regime) => regime.id === id);
}
