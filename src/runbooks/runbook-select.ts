import type { Severity } from '../domain/incident.types.ts';
import type { Runbook } from './runbook.schema.ts';

/** What the core knows about an incident when choosing a runbook and its applicable steps. */
export interface IncidentFacts {
  title: string;
  severity: Severity;
  /** Sentinel analytic rule display names or rule GUIDs that raised the incident. */
  analyticRules?: readonly string[];
  /** MITRE tactics as Sentinel spells them. */
  tactics?: readonly string[];
  /** Kinds of the incident's entities (`Account`, `Ip`, ...). */
  entityKinds?: readonly string[];
}

/**
 * How well a runbook matches, compared field by field in this order: one
 * matching analytic rule outweighs any number of title, tactic or entity
 * matches, and so on down.
 */
export interface MatchScore {
  analyticRules: number;
  titlePatterns: number;
  tactics: number;
  entityKinds: number;
}

/** A candidate runbook with its score and why it matched, for "why this runbook?" answers. */
export interface RunbookMatch {
  runbook: Runbook;
  score: MatchScore;
  reasons: string[];
}

const ORDER: ReadonlyArray<keyof MatchScore> = ['analyticRules', 'titlePatterns', 'tactics', 'entityKinds'];

/** The best-matching runbook, or undefined when none matches at all. Ties go to the smaller id. */
export function selectRunbook(runbooks: readonly Runbook[], facts: IncidentFacts): Runbook | undefined {
  return rankRunbooks(runbooks, facts)[0]?.runbook;
}

/** Every runbook that matches at least one fact, best first. Pure. */
export function rankRunbooks(runbooks: readonly Runbook[], facts: IncidentFacts): RunbookMatch[] {
  return runbooks
    .map((runbook) => scoreRunbook(runbook, facts))
    .filter((match) => ORDER.some((field) => match.score[field] > 0))
    .sort((a, b) => compareScores(b.score, a.score) || compareIds(a.runbook.id, b.runbook.id));
}

/** Scores one runbook against the facts: how many entries of each `matches` list hit. */
export function scoreRunbook(runbook: Runbook, facts: IncidentFacts): RunbookMatch {
  const { matches } = runbook;
  const rules = intersect(matches.analyticRules, facts.analyticRules);
  const patterns = (matches.titlePatterns ?? []).filter((pattern) => titleMatches(pattern, facts.title));
  const tactics = intersect(matches.tactics, facts.tactics);
  const kinds = intersect(matches.entityKinds, facts.entityKinds);
  const reasons = [
    ...rules.map((rule) => `analytic rule "${rule}"`),
    ...patterns.map((pattern) => `title matches /${pattern}/i`),
    ...(tactics.length > 0 ? [`tactics ${tactics.join(', ')}`] : []),
    ...(kinds.length > 0 ? [`entities ${kinds.join(', ')}`] : []),
  ];
  return {
    runbook,
    score: {
      analyticRules: rules.length,
      titlePatterns: patterns.length,
      tactics: tactics.length,
      entityKinds: kinds.length,
    },
    reasons,
  };
}

function compareScores(a: MatchScore, b: MatchScore): number {
  for (const field of ORDER) {
    if (a[field] !== b[field]) return a[field] - b[field];
  }
  return 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries of `wanted` present in `present`, compared case-insensitively (rule GUIDs vary in case). */
function intersect(wanted: readonly string[] | undefined, present: readonly string[] | undefined): string[] {
  if (!wanted || !present) return [];
  const have = new Set(present.map((item) => item.trim().toLowerCase()));
  return wanted.filter((item) => have.has(item.trim().toLowerCase()));
}

function titleMatches(pattern: string, title: string): boolean {
  try {
    return new RegExp(pattern, 'i').test(title);
  } catch {
    return false; // The schema rejects patterns that do not compile; this guards hand-built runbooks.
  }
}
