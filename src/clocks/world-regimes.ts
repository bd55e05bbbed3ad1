import { defaultReminders, type Regime } from './regime.types.ts';

/**
 * Breach-notification regimes outside the EU, the UK and the US with a fixed time limit (regulatory.md addendum
 * 2026-12, "Missing regimes found"). Days count on the dates of the country's zone (its earliest where it spans
 * several). Rules with no fixed limit (Switzerland's nFADP "as soon as possible", Canada's PIPEDA "as soon as
 * feasible") are obligations reminded on a cadence (`undue-delay-regimes.ts`). Where a limit is ambiguous the
 * earliest plausible one is used and the note says so. All of it is computed, not legal advice.
 */

const auNdbAssessment: Regime = {
  id: 'au-ndb-assessment',
  name: 'Australia NDB: assessment of a suspected eligible data breach',
  authority: 'internal assessment (then the OAIC and individuals as soon as practicable)',
  jurisdiction: 'AU',
  trigger: 'awareness',
  deadline: { unit: 'calendarDays', amount: 30, timeZone: 'Australia/Sydney' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['AU'], requires: ['personalData'] },
  contents: [
    'the assessment: whether there are reasonable grounds to believe an eligible data breach happened',
    'if so, the statement to the OAIC: identity and contact details, description, kinds of information, steps ' +
      'individuals should take',
  ],
  source: 'Privacy Act 1988 (Cth) ss 26WH, 26WK, 26WL (regulatory.md addendum)',
  notes: [
    'A reasonable and expeditious assessment within 30 days of suspecting an eligible data breach; once it is ' +
      'one, notify the OAIC and individuals as soon as practicable (no fixed limit).',
    'Days are counted on Sydney dates, the earliest end of day on the mainland.',
  ],
  draft: 'generic',
};

const sgPdpa: Regime = {
  id: 'sg-pdpa',
  name: 'Singapore PDPA data breach notification',
  authority: 'Personal Data Protection Commission (PDPC)',
  jurisdiction: 'SG',
  trigger: 'classification',
  deadline: { unit: 'calendarDays', amount: 3, timeZone: 'Asia/Singapore' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['SG'], requires: ['personalData'], roles: ['controller'] },
  contents: [
    'facts of the breach, how and when it was discovered',
    'number of affected individuals and the personal data involved',
    'potential harm, and actions taken or planned',
    'contact details of an authorised representative',
  ],
  source: 'PDPA 2012 s 26D(1); Personal Data Protection (Notification of Data Breaches) Regulations 2021',
  notes: [
    'No later than 3 calendar days after the day the organisation assessed the breach as notifiable: start it ' +
      'with /ir clock start sg-pdpa --at <assessment>. The assessment itself is due within 30 days.',
    'A data intermediary tells the organisation it processes for without undue delay instead.',
  ],
  draft: 'generic',
};

const brLgpd: Regime = {
  id: 'br-lgpd',
  name: 'Brazil LGPD security incident communication',
  authority: 'Autoridade Nacional de Proteção de Dados (ANPD)',
  jurisdiction: 'BR',
  trigger: 'awareness',
  deadline: { unit: 'businessDays', amount: 3, calendar: 'br-national', timeZone: 'America/Sao_Paulo' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['BR'], requires: ['personalData'], roles: ['controller'] },
  contents: [
    'description of the nature and category of the personal data affected',
    'number of data subjects affected, incl. children and the elderly',
    'technical and security measures used, and those taken to revert or mitigate',
    'the risks, the reasons for any delay, and the DPO contact',
  ],
  source: 'LGPD Art. 48; Resolução CD/ANPD 15/2024 Art. 6 (regulatory.md addendum)',
  notes: [
    '3 business days from knowing that the incident affected personal data, on Brazilian national holidays ' +
      '(Carnival and Corpus Christi count as business days: the earlier deadline).',
    'Small agents have double the time (Resolução 2/2022): override the amount in config if that applies.',
  ],
  draft: 'generic',
};

const inDpdp: Regime = {
  id: 'in-dpdp',
  name: 'India DPDP personal data breach report',
  authority: 'Data Protection Board of India',
  jurisdiction: 'IN',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 72 },
  ...defaultReminders(),
  // Rule 1(3): rule 7 comes into force 18 months after the Rules' publication on 13 November 2025.
  appliesWhen: { jurisdictions: ['IN'], requires: ['personalData'], roles: ['controller'], from: '2027-05-13' },
  contents: [
    'intimation without delay: description, nature, extent, timing, location and likely impact',
    'within 72 hours: the updated facts, the circumstances, mitigation, findings on the person responsible, ' +
      'remedial measures, and the intimations made to data principals',
  ],
  source: 'DPDP Act 2023 s 8(6); DPDP Rules 2025 rule 7 (regulatory.md addendum)',
  notes: [
    'Rule 7 applies from 13 May 2027, 18 months after the Rules were published (rule 1(3)): a breach known ' +
      'before it starts no clock. Configure appliesWhen.from if the Board sets another date.',
    'Affected data principals are told without delay as well; the Board may allow longer on request.',
  ],
  draft: 'generic',
};

const JP_SOURCE = 'APPI Art. 26; Enforcement Rules Art. 8 (regulatory.md addendum)';

const jpAppiPreliminary: Regime = {
  id: 'jp-appi-preliminary',
  name: 'Japan APPI preliminary report',
  authority: 'Personal Information Protection Commission (PPC)',
  jurisdiction: 'JP',
  trigger: 'awareness',
  deadline: { unit: 'calendarDays', amount: 3, timeZone: 'Asia/Tokyo' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['JP'], requires: ['personalData'], roles: ['controller'] },
  contents: ['the items known at the time, of those the final report requires'],
  source: JP_SOURCE,
  notes: ['The law says "promptly"; the PPC guidelines read it as about 3 to 5 days: the clock takes 3, the earliest.'],
  draft: 'generic',
};

const jpAppiFinal: Regime = {
  id: 'jp-appi-final',
  name: 'Japan APPI final report',
  authority: 'Personal Information Protection Commission (PPC)',
  jurisdiction: 'JP',
  trigger: 'awareness',
  deadline: { unit: 'calendarDays', amount: 30, timeZone: 'Asia/Tokyo' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['JP'], requires: ['personalData'], roles: ['controller'] },
  contents: [
    'overview, the personal data concerned, the number of persons, the cause',
    'secondary damage or its risk, the response to the persons, publication, and measures against recurrence',
  ],
  source: JP_SOURCE,
  notes: [
    '30 days from becoming aware; 60 days where the breach was caused by an act with an unlawful purpose (a ' +
      'cyberattack usually is): override the amount in config once that is established.',
  ],
  draft: 'generic',
};

const cnCac: Regime = {
  id: 'cn-cac',
  name: 'China CAC network security incident report',
  authority: 'Cyberspace Administration of China (provincial office) and the sector regulator',
  jurisdiction: 'CN',
  trigger: 'classification',
  deadline: { unit: 'hours', amount: 1 },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['CN'] },
  contents: [
    'the entity, the systems affected, and when and where the incident happened',
    'the type, the impact and harm, the measures taken and their effect',
    'the cause as far as known, and any help needed',
  ],
  source: 'National Network Security Incident Reporting Management Measures (CAC, in force 1 November 2025)',
  notes: [
    'For an incident classified as relatively major or above: critical information infrastructure operators ' +
      'within 1 hour, other network operators within 4 hours. The clock takes 1 hour, the earliest: override ' +
      'to 4 in config where that applies. Start it with /ir clock start cn-cac --at <classification>.',
  ],
  draft: 'generic',
};

/** The regimes outside the EU, the UK and the US, in catalog order. */
export const WORLD_REGIMES: readonly Regime[] = [
  auNdbAssessment,
  sgPdpa,
  brLgpd,
  inDpdp,
  jpAppiPreliminary,
  jpAppiFinal,
  cnCac,
];
