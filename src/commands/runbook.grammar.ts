import type { SubcommandSpec } from './grammar.types.ts';

const MAX_EVIDENCE = 4000;
const RUNBOOK_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const nextSpec: SubcommandSpec = {
  name: 'next',
  usage: '/ir next',
  summary: 'Show the current runbook step: instructions, evidence to record, actions.',
  flags: [],
  build({ args }) {
    return args.length ? { ok: false, error: 'next takes no arguments.' } : { ok: true, value: { name: 'next' } };
  },
};

export const doneSpec: SubcommandSpec = {
  name: 'done',
  usage: '/ir done [evidence]',
  summary: 'Complete the current step, recording the evidence it asks for.',
  flags: [],
  freeText: true,
  build({ rest }) {
    if (rest.length > MAX_EVIDENCE)
      return {
        ok: false,
        error: `The evidence has ${rest.length} characters; keep it to ${MAX_EVIDENCE} (link to the export instead).`,
      };
    return { ok: true, value: { name: 'done', ...(rest ? { evidence: rest } : {}) } };
  },
};

export const skipSpec: SubcommandSpec = {
  name: 'skip',
  usage: '/ir skip <reason>',
  summary: 'Skip the current step, with the reason (the commander skips mandatory steps).',
  flags: [],
  freeText: true,
  build({ rest }) {
    if (!rest) return { ok: false, error: 'Skipping a step needs a reason: it goes on the record.' };
    if (rest.length > MAX_EVIDENCE)
      return { ok: false, error: `The reason has ${rest.length} characters; keep it to ${MAX_EVIDENCE}.` };
    return { ok: true, value: { name: 'skip', reason: rest } };
  },
};

export const runbookSpec: SubcommandSpec = {
  name: 'runbook',
  usage: '/ir runbook [<runbook id>]',
  summary: 'Show the runbook checklist, or switch the incident to another runbook (commander).',
  flags: [],
  build({ args }) {
    if (args.length === 0) return { ok: true, value: { name: 'runbook' } };
    if (args.length > 1 || !RUNBOOK_ID.test(args[0] ?? ''))
      return { ok: false, error: 'Give one runbook id, such as storage-exfiltration.' };
    return { ok: true, value: { name: 'runbook', runbookId: args[0] ?? '' } };
  },
};
