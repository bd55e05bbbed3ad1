import type { Result } from '../domain/errors.ts';
import {
  ACTION_CATALOG,
  ACTION_TYPES,
  actionParamNames,
  isActionType,
  isServerBuilt,
  requestParamsUsage,
} from '../actions/catalog.ts';
import type { Command } from './command.types.ts';
import type { SubcommandSpec } from './grammar.types.ts';

const bad = (message: string): Result<Command, string> => ({ ok: false, error: message });
const ACTION_ID = /^act-[a-z0-9]{4,16}$/;

/** Every parameter name of every action, as flags (the parser lower-cases flag names). */
const PARAM_NAMES = [
  ...new Set(ACTION_TYPES.flatMap((type) => actionParamNames(type).filter((name) => !isServerBuilt(type, name)))),
];

export const requestSpec: SubcommandSpec = {
  name: 'request',
  usage:
    `/ir request <action-type> <target> [--param value]\n  action types: ${ACTION_TYPES.join(', ')}\n  params: ` +
    requestParamsUsage(),
  summary: 'Ask for a containment action; the commander approves it before anything changes.',
  flags: PARAM_NAMES.map((name) => ({ name: name.toLowerCase(), kind: 'string' as const })),
  build({ args, flags }) {
    if (args.length !== 2) return bad('Give the action type and one target.');
    const [type = '', target = ''] = args;
    if (!isActionType(type))
      return bad(`"${type}" is not a containment action: use one of ${ACTION_TYPES.join(', ')}.`);
    const allowed = actionParamNames(type);
    const params: Record<string, string> = {};
    for (const [flag, value] of Object.entries(flags)) {
      const name = allowed.find((candidate) => candidate.toLowerCase() === flag);
      if (!name)
        return bad(
          `--${flag} is not a parameter of ${type} ` +
            `(${allowed.length ? allowed.map((p) => `--${p}`).join(', ') : 'it takes none'}).`,
        );
      params[name] = String(value);
    }
    const missing = Object.entries(ACTION_CATALOG[type].params)
      .filter(([name, spec]) => spec.required && !(name in params) && !spec.serverBuilt)
      .map(([name]) => `--${name}`);
    if (missing.length) return bad(`${type} needs ${missing.join(', ')}.`);
    return { ok: true, value: { name: 'request', type, target, params } };
  },
};

function actionIdSpec(name: 'approve' | 'undo', summary: string): SubcommandSpec {
  return {
    name,
    usage: `/ir ${name} <actionId>`,
    summary,
    flags: [],
    build({ args }) {
      if (args.length !== 1 || !ACTION_ID.test(args[0] ?? ''))
        return bad('Give one action id, such as act-k7q2x9 (/ir actions lists them).');
      return { ok: true, value: { name, actionId: args[0] ?? '' } };
    },
  };
}

export const approveSpec = actionIdSpec('approve', 'Approve a containment request (commander).');
export const undoSpec = actionIdSpec('undo', 'Ask to undo an executed action; the undo is approved like any action.');

export const denySpec: SubcommandSpec = {
  name: 'deny',
  usage: '/ir deny <actionId> <reason>',
  summary: 'Deny a containment request, with the reason (commander).',
  flags: [],
  freeText: true,
  build({ rest }) {
    const [actionId = '', ...words] = rest.split(/\s+/);
    if (!ACTION_ID.test(actionId)) return bad('Give the action id first, such as act-k7q2x9 (/ir actions lists them).');
    const reason = rest.slice(actionId.length).trim();
    if (!words.length || !reason) return bad('A denial needs a reason: it goes on the record.');
    return { ok: true, value: { name: 'deny', actionId, reason } };
  },
};

export const actionsSpec: SubcommandSpec = {
  name: 'actions',
  usage: '/ir actions',
  summary: 'List the containment requests and what became of them.',
  flags: [],
  build({ args }) {
    return args.length ? bad('actions takes no arguments.') : { ok: true, value: { name: 'actions' } };
  },
};
