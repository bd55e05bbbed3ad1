import { domainError, type DomainError, type Result } from '../domain/errors.ts';
import type { Command } from './command.types.ts';
import type { ParsedArgs, SubcommandSpec } from './grammar.types.ts';
import {
  assignSpec,
  closeSpec,
  declareSpec,
  dismissSpec,
  drillSpec,
  noteSpec,
  statusSpec,
  timelineSpec,
} from './incident.grammar.ts';
import { tokenize, type Token } from './tokenizer.ts';
import { breachSpec, clockSpec, draftSpec, notRequiredSpec, notifiedSpec } from './clock.grammar.ts';
import { doneSpec, nextSpec, runbookSpec, skipSpec } from './runbook.grammar.ts';
import { actionsSpec, approveSpec, denySpec, requestSpec, undoSpec } from './action.grammar.ts';

/** Longest input accepted: a chat message, not a document. */
export const MAX_INPUT = 8000;

const helpSpec: SubcommandSpec = {
  name: 'help',
  usage: '/ir help [command]',
  summary: 'List the commands, or show how to use one.',
  flags: [],
  build({ args }) {
    if (args.length > 1) return { ok: false, error: 'Ask about one command.' };
    return { ok: true, value: { name: 'help', ...(args[0] ? { topic: args[0].toLowerCase() } : {}) } };
  },
};

/** Every sub-command, in the order help lists them. One grammar for every platform. */
export const SUBCOMMANDS: readonly SubcommandSpec[] = [
  declareSpec,
  drillSpec,
  dismissSpec,
  statusSpec,
  nextSpec,
  doneSpec,
  skipSpec,
  runbookSpec,
  assignSpec,
  noteSpec,
  timelineSpec,
  requestSpec,
  approveSpec,
  denySpec,
  undoSpec,
  actionsSpec,
  breachSpec,
  clockSpec,
  notifiedSpec,
  notRequiredSpec,
  draftSpec,
  closeSpec,
  helpSpec,
];

export function findSubcommand(name: string): SubcommandSpec | undefined {
  const wanted = name.toLowerCase();
  return SUBCOMMANDS.find((spec) => spec.name === wanted);
}

export function overallUsage(): string {
  return SUBCOMMANDS.map((spec) => spec.usage.split('\n')[0]).join('\n');
}

/**
 * Parses one line of input as typed on any platform: with or without the
 * leading `/ir` (Slack strips it; Teams sends the text after the mention).
 * Never throws: malformed input comes back as an error carrying the usage.
 */
export function parseCommand(input: string): Result<Command, DomainError> {
  if (input.length > MAX_INPUT) {
    return {
      ok: false,
      error: domainError(
        'parse.invalid_value',
        `The command has ${input.length} characters; the limit is ${MAX_INPUT}.`,
        { usage: overallUsage() },
      ),
    };
  }
  const tokenized = tokenize(input);
  if (!tokenized.ok)
    return {
      ok: false,
      error: domainError('parse.unterminated_quote', `Unbalanced quotes: ${tokenized.error}.`, {
        usage: overallUsage(),
      }),
    };
  let tokens = tokenized.value;
  if (tokens[0] && !tokens[0].quoted && tokens[0].text.toLowerCase() === '/ir') tokens = tokens.slice(1);
  const head = tokens[0];
  if (!head)
    return {
      ok: false,
      error: domainError('parse.empty', 'No command given.', { hint: 'Try /ir help.', usage: overallUsage() }),
    };
  const spec = head.quoted ? undefined : findSubcommand(head.text);
  if (!spec) {
    return {
      ok: false,
      error: domainError('parse.unknown_command', `"${head.text}" is not a command.`, {
        hint: 'Try /ir help.',
        usage: overallUsage(),
      }),
    };
  }
  const parsed = splitArguments(spec, input, tokens.slice(1));
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, usage: spec.usage } };
  const built = spec.build(parsed.value);
  if (!built.ok) return { ok: false, error: domainError('parse.invalid_value', built.error, { usage: spec.usage }) };
  return built;
}

function splitArguments(spec: SubcommandSpec, input: string, tokens: Token[]): Result<ParsedArgs, DomainError> {
  const rest = tokens[0] ? input.slice(tokens[0].start).trim() : '';
  if (spec.freeText) return { ok: true, value: { args: tokens.map((t) => t.text), rest, flags: {} } };
  const args: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.quoted || !token.text.startsWith('--') || token.text.length <= 2) {
      args.push(token.text);
      continue;
    }
    const [rawName = '', inlineValue] = splitOnce(token.text.slice(2), '=');
    const name = rawName.toLowerCase();
    const flag = spec.flags.find((candidate) => candidate.name === name);
    if (!flag) {
      const known = spec.flags.map((f) => `--${f.name}`).join(', ') || 'none';
      return {
        ok: false,
        error: domainError('parse.unknown_flag', `--${rawName} is not an option of ${spec.name} (options: ${known}).`),
      };
    }
    if (name in flags) return { ok: false, error: domainError('parse.invalid_value', `--${name} is given twice.`) };
    if (flag.kind === 'boolean') {
      if (inlineValue !== undefined)
        return { ok: false, error: domainError('parse.invalid_value', `--${name} takes no value.`) };
      flags[name] = true;
      continue;
    }
    const value = inlineValue ?? tokens[index + 1]?.text;
    if (inlineValue === undefined) index++;
    if (value === undefined || value === '')
      return { ok: false, error: domainError('parse.missing_argument', `--${name} needs a value.`) };
    flags[name] = value;
  }
  return { ok: true, value: { args, rest, flags } };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
