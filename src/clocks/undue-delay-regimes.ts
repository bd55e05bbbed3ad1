import type { Regime } from './regime.types.ts';
import { STATE_CONTENTS } from './us-states.ts';

/**
 * Obligations whose law sets no fixed deadline ("as soon as possible", "as soon as feasible", "without unreasonable
 * delay"), the notices that count from them, and the vendor-to-owner notices (regulatory.md section 5 and its
 * 2026-12 addendum). An obligation is recorded as a clock without a deadline: it is reminded every 24 hours from its
 * start until the notice is recorded or decided not required, and it is never called overdue, since no deadline is
 * invented. All of it is computed, not legal advice.
 */

/** Reminded daily from the start: no countdown offsets, since there is no deadline to count down to. */
function cadence(): Pick<Regime, 'reminderOffsets' | 'overdueEvery' | 'deadline'> {
  return { reminderOffsets: [], overdueEvery: 'PT24H', deadline: { unit: 'withoutUndueDelay', amount: 0 } };
}

interface UndueDelayState {
  code: string;
  name: string;
  /** The statute's words for the timing. */
  words: string;
  regulator: string;
  source: string;
}

/** regulatory.md section 5: the states whose resident notice has no fixed limit. */
const STATES: readonly UndueDelayState[] = [
  {
    code: 'dc',
    name: 'District of Columbia',
    words: 'in the most expedient time possible and without unreasonable delay',
    regulator: 'Attorney General if 50 or more residents, no later than the notice to residents',
    source: 'D.C. Code 28-3852',
  },
  {
    code: 'il',
    name: 'Illinois',
    words: 'in the most expedient time possible and without unreasonable delay',
    regulator: 'Attorney General if more than 500 residents',
    source: '815 ILCS 530/10',
  },
  {
    code: 'ia',
    name: 'Iowa',
    words: 'in the most expeditious manner possible and without unreasonable delay',
    regulator:
      'Attorney General if more than 500 residents, within 5 business days after the consumer notice (us-ia-ag)',
    source: 'Iowa Code 715C.2',
  },
  {
    code: 'ma',
    name: 'Massachusetts',
    words: 'as soon as practicable and without unreasonable delay',
    regulator: 'Attorney General and the Office of Consumer Affairs and Business Regulation (separate portals)',
    source: 'M.G.L. c. 93H s. 3',
  },
  {
    code: 'ok',
    name: 'Oklahoma',
    words: 'without unreasonable delay',
    regulator: 'Attorney General if 500 or more residents, within 60 days after the resident notice (us-ok-ag)',
    source: '24 O.S. 163, as amended by SB 626 (2025), from 1 January 2026',
  },
  {
    code: 'pa',
    name: 'Pennsylvania',
    words: 'without unreasonable delay',
    regulator: 'Attorney General concurrently with the resident notice if more than 500 residents',
    source: '73 P.S. 2303, as amended by SB 824 (2024)',
  },
  {
    code: 'ut',
    name: 'Utah',
    words: 'in the most expedient time possible without unreasonable delay',
    regulator: 'Attorney General and the Utah Cyber Center if 500 or more residents',
    source: 'Utah Code 13-44-202',
  },
];

function stateObligation(state: UndueDelayState): Regime {
  const jurisdiction = `US-${state.code.toUpperCase()}`;
  return {
    id: `us-${state.code}`,
    name: `${state.name} breach notification`,
    authority: `affected ${state.name} residents`,
    jurisdiction,
    trigger: 'discovery',
    ...cadence(),
    appliesWhen: { jurisdictions: [jurisdiction], requires: ['personalData'], roles: ['controller'] },
    contents: STATE_CONTENTS,
    source: `${state.source} (regulatory.md section 5)`,
    notes: [
      `No fixed limit: notify ${state.words}. Reminded daily until the notice is recorded.`,
      `Regulator: ${state.regulator}.`,
      "The affected person's state of residence decides which law applies.",
    ],
    draft: 'generic',
  };
}

const usOkAg: Regime = {
  id: 'us-ok-ag',
  name: 'Oklahoma Attorney General notice',
  authority: 'Oklahoma Attorney General',
  jurisdiction: 'US-OK',
  trigger: { after: 'us-ok' },
  deadline: { unit: 'calendarDays', amount: 60, timeZone: 'America/Chicago' },
  reminderOffsets: ['-PT168H', '-PT72H', '-PT48H', '-PT24H', 'PT0S'],
  overdueEvery: 'PT24H',
  appliesWhen: { jurisdictions: ['US-OK'], requires: ['personalData'], roles: ['controller'], minSubjects: 500 },
  contents: ['the notice in the form the Attorney General requires', ...STATE_CONTENTS.slice(0, 3)],
  source: '24 O.S. 163, as amended by SB 626 (2025) (regulatory.md section 5 and addendum)',
  notes: [
    'Within 60 days after notifying residents, if 500 or more Oklahomans are affected (an unknown count starts the ' +
      'clock); starts when us-ok is notified.',
  ],
  draft: 'generic',
};

const usIaAg: Regime = {
  id: 'us-ia-ag',
  name: 'Iowa Attorney General notice',
  authority: 'Iowa Attorney General, Consumer Protection Division',
  jurisdiction: 'US-IA',
  trigger: { after: 'us-ia' },
  deadline: { unit: 'businessDays', amount: 5, timeZone: 'America/Chicago' },
  reminderOffsets: ['-PT48H', '-PT24H', '-PT6H', 'PT0S'],
  overdueEvery: 'PT24H',
  appliesWhen: { jurisdictions: ['US-IA'], requires: ['personalData'], roles: ['controller'], minSubjects: 501 },
  contents: ['the notice in the form the Attorney General requires', ...STATE_CONTENTS.slice(0, 3)],
  source: 'Iowa Code 715C.2(8) (regulatory.md section 5)',
  notes: [
    'Within 5 business days after notifying consumers, if more than 500 Iowans are affected (an unknown count ' +
      'starts the clock); starts when us-ia is notified.',
    "Business days are counted on weekends only, the earliest reading: Iowa's state holidays could only move it later.",
  ],
  draft: 'generic',
};

/** A service provider's notice to the data owner (the controller): the processor's side of a state law. */
function vendorRegime(code: 'fl' | 'or', name: string, from: string, source: string, timeZone: string): Regime {
  const jurisdiction = `US-${code.toUpperCase()}`;
  return {
    id: `us-${code}-vendor`,
    name: `${name} third-party agent notice to the data owner`,
    authority: 'the data owner (the organisation the data is maintained for)',
    jurisdiction,
    trigger: 'discovery',
    deadline: { unit: 'calendarDays', amount: 10, timeZone },
    reminderOffsets: ['-PT72H', '-PT48H', '-PT24H', '-PT6H', 'PT0S'],
    overdueEvery: 'PT12H',
    appliesWhen: { jurisdictions: [jurisdiction], requires: ['personalData'], roles: ['processor'] },
    contents: [
      'what happened and when it was found',
      'the data of the owner involved, and the affected people where known',
      'what has been done to contain it',
      'a contact for the owner, and the help the owner needs to notify residents',
    ],
    source: `${source} (regulatory.md addendum 2026-12, US states as re-checked)`,
    notes: [
      `Within 10 days ${from}; the owner then notifies residents and regulators, not the vendor.`,
      `Days are counted on ${timeZone} dates, where the state's day ends first.`,
    ],
    draft: 'generic',
  };
}

const chNfadp: Regime = {
  id: 'ch-nfadp',
  name: 'Switzerland nFADP data security breach notification',
  authority: 'Federal Data Protection and Information Commissioner (FDPIC)',
  jurisdiction: 'CH',
  trigger: 'awareness',
  ...cadence(),
  appliesWhen: { jurisdictions: ['CH'], requires: ['personalData'], roles: ['controller'] },
  contents: [
    'the nature of the breach, where possible the categories and approximate number of data and people concerned',
    'its consequences, incl. the risks for the people concerned',
    'the measures taken or planned to remedy it and mitigate its consequences',
    'a contact',
  ],
  source: 'Federal Act on Data Protection (nFADP) Art. 24; Data Protection Ordinance Art. 15 (regulatory.md addendum)',
  notes: [
    'As soon as possible when the breach is likely to lead to a high risk to the personality or fundamental rights ' +
      'of the people concerned; no fixed limit. Reminded daily until the notice is recorded or decided not required.',
    'A processor tells the controller as soon as possible instead.',
    'Critical-infrastructure operators also report cyberattacks to the NCSC within 24 hours (ISA Art. 74a, since ' +
      'April 2025): configure a regime for it if that applies.',
  ],
  draft: 'generic',
};

const caPipeda: Regime = {
  id: 'ca-pipeda',
  name: 'Canada PIPEDA breach of security safeguards report',
  authority: 'Office of the Privacy Commissioner of Canada (OPC), and affected individuals',
  jurisdiction: 'CA',
  trigger: 'awareness',
  ...cadence(),
  appliesWhen: { jurisdictions: ['CA'], requires: ['personalData'], roles: ['controller'] },
  contents: [
    'a description of the circumstances, the day or period of the breach, and the personal information involved',
    'the number of individuals affected, or an approximation',
    'the steps taken to reduce the risk of harm and to notify individuals',
    'a contact who can answer questions',
  ],
  source: 'PIPEDA s. 10.1; Breach of Security Safeguards Regulations SOR/2018-64 (regulatory.md addendum)',
  notes: [
    'As soon as feasible after determining that the breach creates a real risk of significant harm; no fixed ' +
      'limit. Every breach goes in the breach record, kept 24 months, whether reported or not.',
    'Provinces with their own laws (Quebec Law 25, Alberta PIPA) may apply as well.',
  ],
  draft: 'generic',
};

/** The obligations without a fixed deadline, the AG notices that follow them, and the vendor notices. */
export const UNDUE_DELAY_REGIMES: readonly Regime[] = [
  ...STATES.map(stateObligation),
  usOkAg,
  usIaAg,
  vendorRegime('fl', 'Florida', 'of determining the breach', 'Fla. Stat. 501.171(6)', 'America/New_York'),
  vendorRegime('or', 'Oregon', 'of discovering the breach', 'ORS 646A.604(2)', 'America/Boise'),
  chNfadp,
  caPipeda,
];
