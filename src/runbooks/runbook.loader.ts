import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { fail, ok, type Result } from '../domain/errors.ts';
import { RunbookSchema, type Runbook } from './runbook.schema.ts';

/** One problem in a runbook file, located as precisely as the source allows. */
export interface RunbookIssue {
  /** The file as given (e.g. `runbooks/storage-exfiltration.yaml`). */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** The field, dotted with indexes: `steps[3].title`. */
  path?: string;
  /** What is wrong, in plain words. */
  message: string;
}

/** What a folder of runbooks yields: the valid ones, every problem, and the files read. */
export interface RunbookDir {
  runbooks: Runbook[];
  issues: RunbookIssue[];
  files: string[];
}

type ZodIssue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

interface Analysis {
  result: Result<Runbook, RunbookIssue[]>;
  /** The line of a field in this file; the nearest existing ancestor's line when the field is missing. */
  lineOf(path: Path): number | undefined;
}

/** `runbooks/x.yaml:12: steps[3].title: Required`. */
export function formatIssue(issue: RunbookIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** `['steps', 3, 'title']` -> `steps[3].title`. */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * Parses and validates one runbook. Never throws: YAML syntax errors come back
 * with their line, schema errors with the field path and its line, and the id
 * must equal the file name.
 */
export function parseRunbook(fileName: string, text: string): Result<Runbook, RunbookIssue[]> {
  return analyse(fileName, text).result;
}

function analyse(file: string, text: string): Analysis {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const lineOf = (path: Path) => nodeLine(doc, lineCounter, path);
  const [firstError, ...laterErrors] = doc.errors;
  // Later syntax errors are mostly echoes of the first (an unclosed bracket swallows the lines after it).
  if (firstError) return { result: fail([yamlIssue(file, firstError, laterErrors.length)]), lineOf };
  if (doc.contents === null) {
    return {
      result: fail([
        {
          file,
          line: 1,
          message: 'The file is empty: a runbook needs id, title, description, version, matches and steps.',
        },
      ]),
      lineOf,
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    return { result: fail([{ file, message: `Cannot read the YAML: ${(error as Error).message}` }]), lineOf };
  }
  const parsed = RunbookSchema.safeParse(data, { error: requiredMessage });
  if (!parsed.success) {
    const issues = flattenIssues(parsed.error.issues).map(({ path, message }) => ({
      file,
      line: lineOf(path),
      ...(path.length > 0 ? { path: formatPath(path) } : {}),
      message,
    }));
    return { result: fail(issues), lineOf };
  }
  const expected = basename(file).replace(/\.ya?ml$/i, '');
  if (parsed.data.id !== expected) {
    const message =
      `id "${parsed.data.id}" must equal the file name "${expected}": rename the file to ` +
      `${parsed.data.id}.yaml or change the id`;
    return { result: fail([{ file, line: lineOf(['id']), path: 'id', message }]), lineOf };
  }
  return { result: ok(parsed.data), lineOf };
}

/** A missing key reads "Required" rather than zod's "expected string, received undefined". */
function requiredMessage(issue: { code: string; input?: unknown }): string | undefined {
  return issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')
    ? 'Required'
    : undefined;
}

function yamlIssue(file: string, error: YAMLError, later: number): RunbookIssue {
  const start = error.linePos?.[0];
  // With prettyErrors the message repeats the position and quotes the source; the issue carries the line itself.
  const base = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim();
  const column = start ? ` (column ${start.col})` : '';
  const more = later > 0 ? `; ${later} more syntax error${later === 1 ? '' : 's'} after it, fix this one first` : '';
  const message = `YAML syntax: ${base}${column}${more}`;
  return start ? { file, line: start.line, message } : { file, message };
}

/**
 * One issue per problem, at the deepest useful path: an unknown key becomes
 * `path.key`, and a union (fixed value or `{ entity }` or `{ input }`) reports
 * the branch the author evidently meant, or its own summary when unclear.
 */
function flattenIssues(issues: readonly ZodIssue[], prefix: Path = []): Array<{ path: Path; message: string }> {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const branch = intendedBranch(issue.errors);
      if (branch) return flattenIssues(branch, path);
    }
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}"` }));
    return [{ path, message: issue.message }];
  });
}

function intendedBranch(branches: readonly ZodIssue[][]): ZodIssue[] | undefined {
  const wrongShape = (branch: ZodIssue[]) =>
    branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
  const candidates = branches.filter((branch) => !wrongShape(branch)).sort((a, b) => a.length - b.length);
  const [best, second] = candidates;
  if (!best || (second && second.length === best.length)) return undefined;
  return best;
}

/** Walks the YAML tree along a zod path; a map entry is located by its key. */
function nodeLine(doc: Document, lineCounter: LineCounter, path: Path): number | undefined {
  const lineAt = (node: unknown) => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined);
  let node: unknown = doc.contents;
  let line = lineAt(node);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(key));
      if (!pair) break;
      line = lineAt(pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (node === undefined) break;
      line = lineAt(node) ?? line;
    } else {
      break;
    }
  }
  return line;
}

/**
 * Reads every `*.yaml` / `*.yml` file of a folder (not sub-folders, not the
 * schema JSON), in name order. Valid runbooks are returned; a runbook whose id
 * repeats an earlier file's is reported and left out.
 */
export async function loadRunbookDir(dir: string): Promise<RunbookDir> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries
      .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    return {
      runbooks: [],
      issues: [{ file: dir, message: `Cannot read the runbook folder: ${(error as Error).message}` }],
      files: [],
    };
  }
  const files = names.map((name) => join(dir, name));
  const runbooks: Runbook[] = [];
  const issues: RunbookIssue[] = [];
  const owners = new Map<string, string>();
  for (const file of files) {
    const analysis = analyse(file, await readFile(file, 'utf8'));
    if (!analysis.result.ok) {
      issues.push(...analysis.result.error);
      continue;
    }
    const runbook = analysis.result.value;
    const owner = owners.get(runbook.id);
    if (owner) {
      issues.push({
        file,
        line: analysis.lineOf(['id']),
        path: 'id',
        message: `duplicate runbook id "${runbook.id}": ${owner} already uses it`,
      });
      continue;
    }
    owners.set(runbook.id, file);
    runbooks.push(runbook);
  }
  return { runbooks, issues, files };
}
