import type { Result } from '../domain/errors.ts';
import type { Command } from './command.types.ts';

export interface FlagSpec {
  name: string;
  /** `boolean` flags take no value; the others take the next word or `--name=value`. */
  kind: 'string' | 'boolean';
}

/** What the parser hands to a sub-command's builder. */
export interface ParsedArgs {
  /** Positional words, quotes removed. */
  args: string[];
  /** Everything after the sub-command, verbatim and trimmed (for free-text commands). */
  rest: string;
  flags: Record<string, string | true>;
}

export interface SubcommandSpec {
  name: string;
  /** One line per form, e.g. `/ir declare [sentinel:<number>|<title>] [--severity High|Medium|Low|Informational]`. */
  usage: string;
  summary: string;
  flags: readonly FlagSpec[];
  /** Free text takes the rest of the line as it is: no flags are parsed in it. */
  freeText?: boolean;
  /** Validates and builds the command; an error is a message that says what is wrong. */
  build(parsed: ParsedArgs): Result<Command, string>;
}
