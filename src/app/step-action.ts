import { ACTION_CATALOG } from '../actions/catalog.ts';
import { TARGET_KIND_LABELS } from '../actions/action-targets.ts';
import { domainError, type DomainError, type Result } from '../domain/errors.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { RunbookAction, Source } from '../runbooks/runbook.schema.ts';

/** The entity values of one kind the incident knows (from Sentinel), in the order Sentinel gave them. */
function entityValues(state: IncidentState, kind: string): string[] {
  return (state.sentinel?.entities ?? []).filter((entity) => entity.kind === kind).map((entity) => entity.value);
}

function resolve(source: Source, state: IncidentState): string | undefined {
  return 'entity' in source ? entityValues(state, source.entity)[0] : undefined;
}

/**
 * The `/ir request` a step's action stands for, with its target and parameters
 * taken from the incident's entities. When a value must be typed (an `input`
 * source, or no such entity), the answer says exactly what to type.
 */
export function stepRequestText(action: RunbookAction, state: IncidentState): Result<string, DomainError> {
  const spec = ACTION_CATALOG[action.type];
  const target = resolve(action.target, state);
  const params: string[] = [];
  const missing: string[] = [];
  for (const [name, value] of Object.entries(action.params ?? {})) {
    if (typeof value !== 'object') params.push(`--${name} ${String(value)}`);
    else {
      const resolved = resolve(value, state);
      if (resolved) params.push(`--${name} ${resolved}`);
      else missing.push(`--${name} <${'entity' in value ? `${value.entity} entity` : value.input}>`);
    }
  }
  if (!target || missing.length) {
    const typed =
      `/ir request ${action.type} ${target ?? `<${TARGET_KIND_LABELS[spec.targetKind]}>`} ` +
      `${[...params, ...missing].join(' ')}`.trim();
    return {
      ok: false,
      error: domainError(
        'action.invalid_target',
        `The incident does not say which ${!target ? TARGET_KIND_LABELS[spec.targetKind] : 'values'} this ` +
          `step acts on.`,
        { hint: `Type it: ${typed}` },
      ),
    };
  }
  return { ok: true, value: `/ir request ${action.type} ${target} ${params.join(' ')}`.trim() };
}
