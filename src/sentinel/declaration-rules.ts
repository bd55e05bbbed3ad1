import { z } from 'zod';
import { SEVERITIES, type Severity } from '../domain/incident.types.ts';
import type { SentinelIncident } from '../ports/siem.port.ts';

/** One rule: every condition given must hold (severity listed, a label present, the title matching). */
export const declarationRuleSchema = z.strictObject({
  severity: z
    .array(z.enum(SEVERITIES, { message: `use ${SEVERITIES.join(', ')}` }))
    .min(1)
    .optional(),
  labels: z.array(z.string().min(1)).min(1).optional(),
  titlePattern: z
    .string()
    .min(1)
    .refine((pattern) => {
      try {
        new RegExp(pattern, 'i');
        return true;
      } catch {
        return false;
      }
    }, 'must be a valid regular expression')
    .optional(),
});
export type DeclarationRule = z.infer<typeof declarationRuleSchema>;

/**
 * Which Sentinel incidents open a war room at once, and which only post a
 * "Declare?" card to triage. The first list that matches wins; no match: ignored.
 */
export const declarationRulesSchema = z.strictObject({
  declare: z.array(declarationRuleSchema).default([{ severity: ['High'] }]),
  propose: z.array(declarationRuleSchema).default([{ severity: ['Medium', 'Low'] }]),
});
export type DeclarationRules = z.infer<typeof declarationRulesSchema>;

export const DEFAULT_DECLARATION_RULES: DeclarationRules = declarationRulesSchema.parse({});

function matches(rule: DeclarationRule, incident: SentinelIncident): boolean {
  if (rule.severity && !rule.severity.includes(incident.severity)) return false;
  if (
    rule.labels &&
    !rule.labels.some((label) => incident.labels.some((have) => have.toLowerCase() === label.toLowerCase()))
  )
    return false;
  if (rule.titlePattern && !new RegExp(rule.titlePattern, 'i').test(incident.title)) return false;
  return true;
}

function describe(list: 'declare' | 'propose', index: number, rule: DeclarationRule): string {
  const parts = [
    rule.severity && `severity ${rule.severity.join('/')}`,
    rule.labels && `label ${rule.labels.join('/')}`,
    rule.titlePattern && `title /${rule.titlePattern}/`,
  ].filter(Boolean);
  return `${list}[${index}]: ${parts.join(', ') || 'everything'}`;
}

/** What to do with a new Sentinel incident, and the rule that decided it (recorded with the assessment). */
export function classifyIncident(
  incident: SentinelIncident,
  rules: DeclarationRules,
): { decision: 'declare' | 'propose' | 'ignore'; rule: string } {
  for (const list of ['declare', 'propose'] as const) {
    const index = rules[list].findIndex((rule) => matches(rule, incident));
    if (index !== -1) return { decision: list, rule: describe(list, index, rules[list][index] as DeclarationRule) };
  }
  return { decision: 'ignore', rule: 'no declaration rule matched' };
}

/** Whether `to` is more severe than `from`. */
export function severityRaised(from: Severity, to: Severity): boolean {
  return SEVERITIES.indexOf(to) < SEVERITIES.indexOf(from);
}
