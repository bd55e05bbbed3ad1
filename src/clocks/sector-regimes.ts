import { defaultReminders, type Regime } from './regime.types.ts';

/**
 * Regimes that bind an organisation by what it is (a CRA manufacturer, a trust service provider, a bank) rather
 * than only by where the affected people live, and the HIPAA duties beside the covered entity's own (regulatory.md
 * addendum 2026-12, "Missing regimes found"). Each is off until the organisation profile in IC_CONFIG says the fact
 * holds. Where a rule counts from a determination the bot cannot see, it counts from awareness: the earliest
 * plausible start, said in the note. All of it is computed, not legal advice.
 */

const CRA_SOURCE =
  'Cyber Resilience Act, Regulation (EU) 2024/2847 Art. 14(2) and (4); reporting obligations apply from 11 ' +
  'September 2026 (Art. 71(2)) (regulatory.md addendum)';
const CRA_SCOPE =
  'Only for an actively exploited vulnerability in, or a severe incident having an impact on the security of, a ' +
  'product with digital elements the organisation manufactures; otherwise record /ir not-required.';

const craCommon = {
  authority: 'CSIRT designated as coordinator and ENISA (single reporting platform)',
  jurisdiction: 'EU',
  // Art. 71(2): the reporting obligations apply from 11 September 2026.
  appliesWhen: { jurisdictions: ['EU'], requires: ['craManufacturer' as const], from: '2026-09-11' },
  source: CRA_SOURCE,
  draft: 'generic' as const,
};

const craEarlyWarning: Regime = {
  ...craCommon,
  id: 'cra-early-warning',
  name: 'CRA early warning',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 24 },
  ...defaultReminders(),
  contents: [
    'whether the incident is suspected of being caused by unlawful or malicious acts',
    'the Member States on whose territory the product is made available, where applicable',
  ],
  notes: [CRA_SCOPE, 'Counted from becoming aware of the vulnerability or the severe incident.'],
};

const craNotification: Regime = {
  ...craCommon,
  id: 'cra-notification',
  name: 'CRA notification',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 72 },
  ...defaultReminders(),
  contents: [
    'general information about the product with digital elements concerned',
    'the general nature of the exploit or of the incident and its initial assessment',
    'corrective or mitigating measures taken and those users can take',
    'how sensitive the information notified is, where applicable',
  ],
  notes: [CRA_SCOPE],
};

const craFinal: Regime = {
  ...craCommon,
  id: 'cra-final',
  name: 'CRA final report',
  trigger: { after: 'cra-notification' },
  deadline: { unit: 'months', amount: 1 },
  ...defaultReminders(),
  contents: [
    'a detailed description of the incident or vulnerability, incl. its severity and impact',
    'the type of threat or root cause that likely triggered it',
    'applied and ongoing mitigation measures',
  ],
  notes: [
    CRA_SCOPE,
    'For a severe incident: one month after the notification (this clock). For an actively exploited ' +
      'vulnerability it is due 14 days after a corrective or mitigating measure is available: if that is ' +
      'earlier, send it then.',
  ],
};

const nis2TrustEarlyWarning: Regime = {
  id: 'nis2-trust-early-warning',
  name: 'NIS2 trust service provider notification',
  authority: 'CSIRT or competent authority',
  jurisdiction: 'EU',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 24 },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['EU'], requires: ['trustServiceProvider'] },
  contents: [
    'update of the early warning',
    'initial assessment of the incident, incl. its severity and impact',
    'indicators of compromise, where available',
  ],
  source: 'NIS2 Directive (EU) 2022/2555 Art. 23(4)(b), trust service providers (regulatory.md addendum)',
  notes: [
    'For significant incidents that impact the provision of trust services: the incident notification is due in ' +
      '24 hours instead of 72.',
  ],
  draft: 'nis2-notification',
};

const ukPecr: Regime = {
  id: 'uk-pecr',
  name: 'UK PECR personal data breach',
  authority: "Information Commissioner's Office (ICO), PECR breach form",
  jurisdiction: 'UK',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 24 },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['UK'], requires: ['personalData', 'pecrProvider'] },
  contents: [
    'name of the provider and contact details',
    'date and time of the breach and of its detection',
    'nature and content of the personal data concerned',
    'likely consequences, and measures taken or proposed',
  ],
  source: 'PECR 2003 reg. 5A; Commission Regulation (EU) 611/2013 Art. 2 as retained (regulatory.md addendum)',
  notes: [
    'Counted from detection (awareness here). If not all information is available, notify the initial ' +
      'information within 24 hours and the rest within 3 days.',
  ],
  draft: 'generic',
};

const nydfs: Regime = {
  id: 'nydfs-500-17',
  name: 'NYDFS 23 NYCRR 500.17 cybersecurity incident',
  authority: 'NYDFS Superintendent (DFS Portal)',
  jurisdiction: 'US-NY',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 72 },
  ...defaultReminders(),
  appliesWhen: { requires: ['nydfsCovered'] },
  contents: [
    'the cybersecurity incident, as the DFS Portal form asks for it',
    'updates as material changes or new information become available',
  ],
  source: '23 NYCRR 500.17(a) (regulatory.md addendum)',
  notes: [
    'Within 72 hours of determining that a reportable cybersecurity incident occurred; counted from awareness, the ' +
      'earliest plausible determination.',
    'Applies to a covered entity wherever the affected people live.',
  ],
  draft: 'generic',
};

const ftcSafeguards: Regime = {
  id: 'ftc-safeguards',
  name: 'FTC Safeguards Rule notification event',
  authority: 'Federal Trade Commission (online form)',
  jurisdiction: 'US',
  trigger: 'discovery',
  deadline: { unit: 'calendarDays', amount: 30, timeZone: 'America/New_York' },
  ...defaultReminders(),
  appliesWhen: {
    jurisdictions: ['US'],
    requires: ['personalData', 'ftcFinancialInstitution'],
    minSubjects: 500,
  },
  contents: [
    'name and contact information of the reporting financial institution',
    'a description of the types of information involved',
    'the date or date range of the notification event, if known',
    'the number of consumers affected or potentially affected',
    'a general description of the notification event',
    'whether a law enforcement official asked for a delay of public notice',
  ],
  source: '16 CFR 314.4(j) and 314.2 (regulatory.md addendum)',
  notes: [
    'As soon as possible and no later than 30 days after discovery, when 500 or more consumers are affected ' +
      '(an unknown count starts the clock).',
  ],
  draft: 'generic',
};

const secRegSp: Regime = {
  id: 'sec-reg-sp',
  name: 'SEC Regulation S-P customer notice',
  authority: 'affected individuals',
  jurisdiction: 'US',
  trigger: 'awareness',
  deadline: { unit: 'calendarDays', amount: 30, timeZone: 'America/New_York' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['US'], requires: ['personalData', 'secRegSpInstitution'] },
  contents: [
    'a general description of the incident and the type of sensitive customer information involved',
    'the date or estimated date range of the incident, if known',
    'contact information for questions',
    'what individuals can do to protect themselves',
  ],
  source: '17 CFR 248.30(a)(4), as amended by Release 34-100155 (2024) (regulatory.md addendum)',
  notes: [
    'As soon as practicable, no later than 30 days after becoming aware that unauthorised access to sensitive ' +
      'customer information occurred or is reasonably likely to have occurred.',
  ],
  draft: 'generic',
};

const usBank36h: Regime = {
  id: 'us-bank-36h',
  name: 'US banking computer-security incident notification',
  authority: 'primary federal regulator (OCC, Federal Reserve or FDIC)',
  jurisdiction: 'US',
  trigger: 'awareness',
  deadline: { unit: 'hours', amount: 36 },
  ...defaultReminders(),
  appliesWhen: { requires: ['usBankingOrganisation'] },
  contents: ['notice of the notification incident (email, phone or the channel the regulator designates)'],
  source: '12 CFR 53 (OCC), 225.300 (FRB), 304.23 (FDIC) (regulatory.md addendum)',
  notes: [
    'As soon as possible and no later than 36 hours after determining that a notification incident occurred; ' +
      'counted from awareness, the earliest plausible determination.',
  ],
  draft: 'generic',
};

const HIPAA_SOURCE = '45 CFR 164.408(c), 164.410 (regulatory.md addendum, HIPAA)';

const hipaaBa: Regime = {
  id: 'hipaa-ba',
  name: 'HIPAA business associate notice',
  authority: 'the covered entity',
  jurisdiction: 'US',
  trigger: 'discovery',
  deadline: { unit: 'calendarDays', amount: 60, timeZone: 'America/New_York' },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['US'], requires: ['phi'], roles: ['processor'] },
  contents: [
    'the identification of each individual affected, to the extent possible',
    'what the covered entity needs to notify individuals (164.404(c))',
  ],
  source: HIPAA_SOURCE,
  notes: ['Without unreasonable delay and no later than 60 calendar days after discovery (164.410(b)).'],
  draft: 'generic',
};

const hipaaHhsAnnual: Regime = {
  id: 'hipaa-hhs-annual',
  name: 'HIPAA annual log to HHS (fewer than 500)',
  authority: 'HHS Office for Civil Rights (breach portal)',
  jurisdiction: 'US',
  trigger: 'discovery',
  deadline: {
    unit: 'daysAfterYearEnd',
    amount: 60,
    timeOfDay: { hour: 23, minute: 59, timeZone: 'America/New_York' },
  },
  ...defaultReminders(),
  appliesWhen: { jurisdictions: ['US'], requires: ['phi'], roles: ['controller'], maxSubjects: 499 },
  contents: ['the breach as the HHS breach portal asks for it, one entry per breach'],
  source: HIPAA_SOURCE,
  notes: [
    'Breaches affecting fewer than 500 individuals: within 60 days after the end of the calendar year of ' +
      'discovery. 500 or more: HHS at the same time as the individuals (hipaa).',
  ],
  draft: 'generic',
};

/** The sector and profile regimes, in catalog order. */
export const SECTOR_REGIMES: readonly Regime[] = [
  craEarlyWarning,
  craNotification,
  craFinal,
  nis2TrustEarlyWarning,
  ukPecr,
  nydfs,
  ftcSafeguards,
  secRegSp,
  usBank36h,
  hipaaBa,
  hipaaHhsAnnual,
];
