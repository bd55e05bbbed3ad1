import { z } from 'zod';
import { ACTION_CATALOG, ACTION_TYPES, actionParamNames } from '../actions/catalog.ts';
import { TARGET_ENTITY_KINDS, TARGET_KIND_LABELS } from '../actions/action-targets.ts';
import { SEVERITIES, type Role } from '../domain/incident.types.ts';

/**
 * The runbook YAML format (DESIGN.md, "Runbooks"): one zod schema gives the
 * load-time checks, the TypeScript types and the JSON Schema editors use.
 * Every object is strict, so a mistyped key is an error rather than ignored.
 */

/** Incident response phases a step belongs to, in their usual order. */
export const PHASES = [
  'triage',
  'scoping',
  'containment',
  'evidence',
  'eradication',
  'recovery',
  'notification',
  'lessons',
] as const;
export type Phase = (typeof PHASES)[number];

/** The roles a step may be owned by: every incident role except observer. */
export const RUNBOOK_ROLES = ['commander', 'responder', 'legal', 'comms', 'scribe'] as const;
export type RunbookRole = (typeof RUNBOOK_ROLES)[number];
// Fails to compile when a role is added to the domain but not here.
const _allRolesCovered: [Exclude<Role, 'observer' | RunbookRole>] extends [never] ? true : never = true;

/** MITRE ATT&CK tactics as Sentinel spells them. */
export const TACTICS = [
  'InitialAccess',
  'Execution',
  'Persistence',
  'PrivilegeEscalation',
  'DefenseEvasion',
  'CredentialAccess',
  'Discovery',
  'LateralMovement',
  'Collection',
  'Exfiltration',
  'CommandAndControl',
  'Impact',
  'Reconnaissance',
  'ResourceDevelopment',
] as const;

/** Sentinel entity kinds. */
export const ENTITY_KINDS = [
  'Account',
  'Host',
  'File',
  'AzureResource',
  'CloudApplication',
  'DnsResolution',
  'FileHash',
  'Ip',
  'Malware',
  'Process',
  'RegistryKey',
  'RegistryValue',
  'SecurityGroup',
  'Url',
  'IoTDevice',
  'SecurityAlert',
  'Bookmark',
  'MailCluster',
  'MailMessage',
  'Mailbox',
  'SubmissionMail',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The audit controls a step may cite: ISO 27001 incident controls and SOC 2 CC7. */
export const CONTROL_PATTERN = /^(ISO27001:A\.(5\.(2[4-8]|5|6|7)|6\.8|8\.1[56])|SOC2:CC7\.[1-5])$/;
const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CAMEL_NAME = /^[a-z][a-zA-Z0-9]*$/;

/** A closed list whose error names the bad value and the allowed ones (a missing value stays "Required"). */
function oneOf<const T extends readonly [string, ...string[]]>(list: T, what: string) {
  return z.enum(list, {
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : `"${shown(issue.input)}" is not a ${what}; use one of: ${list.join(', ')}`,
  });
}

const text = (description: string) => z.string().regex(/\S/, 'must not be empty').describe(description);
const kebabId = (description: string) =>
  z.string().regex(KEBAB_ID, 'must be kebab-case, e.g. rotate-keys').describe(description);
const inputName = z.string().regex(CAMEL_NAME, 'must be a camelCase name, e.g. storageAccountId');

const titlePattern = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be 200 characters or fewer')
  .superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern, 'i');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${(error as Error).message}` });
    }
  });

const entitySource = z.strictObject({ entity: oneOf(ENTITY_KINDS, 'Sentinel entity kind') });
const inputSource = z.strictObject({ input: inputName });

/** Where a target or parameter comes from: an incident entity, or a value the person types. */
export const SourceSchema = z.union([entitySource, inputSource], {
  error: (issue) =>
    issue.input === undefined ? undefined : 'expected { entity: <entity kind> } or { input: <camelCaseName> }',
});
export type Source = z.output<typeof SourceSchema>;

const paramValue = z.union([z.string(), z.number(), z.boolean(), entitySource, inputSource], {
  error: (issue) =>
    issue.input === undefined
      ? undefined
      : 'expected a fixed value, { entity: <entity kind> } or { input: <camelCaseName> }',
});
export type ParamValue = z.output<typeof paramValue>;

const actionSchema = z
  .strictObject({
    type: z
      .enum(ACTION_TYPES, {
        error: (issue) =>
          issue.input === undefined
            ? undefined
            : `unknown action type "${shown(issue.input)}"; valid types: ${ACTION_TYPES.join(', ')}`,
      })
      .describe('A catalog action type.'),
    target: SourceSchema.describe('Where the target comes from: { entity: <kind> } or { input: <camelCaseName> }.'),
    params: z
      .record(z.string(), paramValue)
      .optional()
      .describe('Parameter name -> fixed value, { entity: <kind> } or { input: <name> }.'),
  })
  .superRefine((action, ctx) => {
    for (const issue of actionIssues(action)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type RunbookAction = z.output<typeof actionSchema>;

/** Checks an action against its catalog entry: the target's entity kind, the parameter names and fixed values. */
function actionIssues(action: RunbookAction): Array<{ path: PropertyKey[]; message: string }> {
  const spec = ACTION_CATALOG[action.type];
  const issues: Array<{ path: PropertyKey[]; message: string }> = [];
  const allowed = TARGET_ENTITY_KINDS[spec.targetKind];
  if ('entity' in action.target && !allowed.includes(action.target.entity)) {
    issues.push({
      path: ['target', 'entity'],
      message:
        `${action.type} acts on ${TARGET_KIND_LABELS[spec.targetKind]}; take it from entity ` +
        `${allowed.join(' or ')}, or { input: <name> }`,
    });
  }
  const names = actionParamNames(action.type);
  const params = action.params ?? {};
  for (const [name, value] of Object.entries(params)) {
    const param = spec.params[name];
    if (!param) {
      issues.push({
        path: ['params', name],
        message: `${action.type} has no parameter "${name}"; its parameters: ${names.join(', ') || 'none'}`,
      });
    } else if (typeof value !== 'object') {
      const checked = param.schema.safeParse(value);
      if (!checked.success)
        issues.push({
          path: ['params', name],
          message: `${checked.error.issues[0]?.message ?? 'invalid value'} (${param.description})`,
        });
    }
  }
  for (const [name, param] of Object.entries(spec.params)) {
    if (param.required && !(name in params)) {
      issues.push({
        path: action.params ? ['params'] : [],
        message: `${action.type} needs parameter "${name}": ${param.description}`,
      });
    }
  }
  return issues;
}

const whenSchema = z
  .strictObject({
    severity: z.array(oneOf(SEVERITIES, 'Sentinel severity')).min(1, 'list at least one severity').optional(),
    entityKinds: z
      .array(oneOf(ENTITY_KINDS, 'Sentinel entity kind'))
      .min(1, 'list at least one entity kind')
      .optional(),
  })
  .describe('The step applies only when all given conditions hold.');
export type StepCondition = z.output<typeof whenSchema>;

const stepSchema = z.strictObject({
  id: kebabId('Step id, kebab-case, unique within the runbook.'),
  title: text('What the step achieves, in a few words.'),
  phase: oneOf(PHASES, 'phase'),
  owner: oneOf(RUNBOOK_ROLES, 'role that can own a step'),
  mandatory: z.boolean().default(true).describe('Only the commander may skip a mandatory step. Default true.'),
  instructions: text('Markdown: concrete, Azure-specific commands and KQL in fenced code blocks.'),
  evidence: text('What to record; when present, /ir done requires evidence text.').optional(),
  controls: z
    .array(
      z
        .string()
        .regex(
          CONTROL_PATTERN,
          'must be an ISO 27001 incident control (e.g. ISO27001:A.5.26) or SOC 2 CC7.1-CC7.5 (e.g. SOC2:CC7.4)',
        ),
    )
    .min(1, 'list at least one control'),
  action: actionSchema.optional().describe('A containment button offered on this step.'),
  when: whenSchema.optional(),
});

const matchesSchema = z
  .strictObject({
    analyticRules: z.array(text('A Sentinel analytic rule display name or rule GUID.')).optional(),
    tactics: z.array(oneOf(TACTICS, 'MITRE tactic as Sentinel spells it')).optional(),
    entityKinds: z.array(oneOf(ENTITY_KINDS, 'Sentinel entity kind')).optional(),
    titlePatterns: z
      .array(titlePattern)
      .optional()
      .describe('JavaScript regular expressions, matched case-insensitively against the incident title.'),
  })
  .refine((matches) => Object.values(matches).some((list) => (list?.length ?? 0) > 0), {
    message: 'give at least one of analyticRules, tactics, entityKinds, titlePatterns',
  });

const stepsSchema = z
  .array(stepSchema)
  .min(1, 'a runbook needs at least one step')
  .superRefine((steps, ctx) => {
    const seen = new Map<string, number>();
    steps.forEach((step, index) => {
      const first = seen.get(step.id);
      if (first === undefined) seen.set(step.id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `duplicate step id "${step.id}" (also steps[${first}].id)`,
        });
    });
  });

/** The whole runbook file. */
export const RunbookSchema = z
  .strictObject({
    id: kebabId('Runbook id, kebab-case; equals the file name without .yaml.'),
    title: text('The scenario, in a few words.'),
    description: text('When to use this runbook, in two or three sentences.'),
    version: z.number().int().positive().describe('Positive integer, raised on every change.'),
    matches: matchesSchema.describe('How an incident is matched to this runbook; at least one list non-empty.'),
    steps: stepsSchema,
  })
  .meta({ title: 'Incident Commander runbook', description: 'One incident response runbook (runbooks/<id>.yaml).' });

/** A validated runbook (defaults applied). */
export type Runbook = z.output<typeof RunbookSchema>;
/** One validated step. */
export type RunbookStep = Runbook['steps'][number];

/** The JSON Schema (draft 2020-12) of the YAML as written, for editors (`# yaml-language-server: $schema=...`). */
export function exportRunbookJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RunbookSchema, { io: 'input', target: 'draft-2020-12' });
}

/** A value a runbook author wrote, as text for an error message. */
function shown(input: unknown): string {
  return typeof input === 'string' ? input : JSON.stringify(input);
}
