import {
  ACTION_REQUIREMENTS,
  AZURE_ACTION_TYPES,
  armRemedy,
  graphRemedy,
  hasGraphPermission,
  isAllowed,
  type ArmPermission,
  type AzureActionType,
} from './azure.permissions.ts';

/** What `incident-commander preflight` found, per scope, for Graph, and per action type. */
export interface PreflightReport {
  /** False when Azure is not configured at all: containment runs simulated. */
  configured: boolean;
  scopes: ScopeCheck[];
  graph: GraphCheck;
  actions: ActionReadiness[];
  /** 0 every action ready, 1 something missing, 2 not configured or a check could not be made. */
  exitCode: 0 | 1 | 2;
}

/** ARM's answer for one scope (a subscription or resource group). */
export interface ScopeCheck {
  scope: string;
  /** The role permissions reaching the scope; absent when the check failed. */
  permissions?: ArmPermission[];
  /** Why the scope could not be checked. */
  error?: string;
}

/** The bot's Microsoft Graph application permissions. */
export interface GraphCheck {
  /** The app roles held; absent when they could not be read. */
  roles?: string[];
  /** Where they were read: the app role assignments, or the claims of the bot's current token. */
  source?: 'appRoleAssignments' | 'token';
  /** Why they could not be read, or a caveat about the source. */
  note?: string;
}

/** One gap: a permission the bot lacks and what grants it. */
export interface MissingPermission {
  permission: string;
  scope?: string;
  /** What to grant, e.g. "grant the bot's identity the Network Contributor role, or …". */
  grant: string;
}

export interface ActionReadiness {
  type: AzureActionType;
  status: 'ready' | 'missing' | 'unknown';
  missing: MissingPermission[];
  /** Why the action could not be checked fully. */
  unknown: string[];
}

/** Judges every action type against what ARM and Graph answered. */
export function evaluate(scopes: ScopeCheck[], graph: GraphCheck): PreflightReport {
  const actions = AZURE_ACTION_TYPES.map((type) => readiness(type, scopes, graph));
  const unknown = actions.some((action) => action.status === 'unknown');
  const missing = actions.some((action) => action.status === 'missing');
  return { configured: true, scopes, graph, actions, exitCode: unknown ? 2 : missing ? 1 : 0 };
}

function readiness(type: AzureActionType, scopes: ScopeCheck[], graph: GraphCheck): ActionReadiness {
  const requirement = ACTION_REQUIREMENTS[type];
  const missing: MissingPermission[] = [];
  const unknown: string[] = [];
  for (const operation of requirement.arm) {
    for (const scope of scopes) {
      if (!scope.permissions) unknown.push(`${scope.scope}: ${scope.error ?? 'not checked'}`);
      else if (!isAllowed(scope.permissions, operation))
        missing.push({ permission: operation, scope: scope.scope, grant: armRemedy(operation, "the bot's identity") });
    }
  }
  for (const permission of requirement.graph) {
    if (!graph.roles) unknown.push(`Microsoft Graph: ${graph.note ?? 'not checked'}`);
    else if (!hasGraphPermission(graph.roles, permission))
      missing.push({ permission, grant: graphRemedy([permission]) });
  }
  const status = missing.length > 0 ? 'missing' : unknown.length > 0 ? 'unknown' : 'ready';
  return { type, status, missing, unknown: [...new Set(unknown)] };
}

/** The report for a bot whose Azure adapter is not configured. */
export function notConfiguredReport(): PreflightReport {
  return { configured: false, scopes: [], graph: { note: 'Azure is not configured' }, actions: [], exitCode: 2 };
}

/** The report as plain text for a terminal or a CI log. */
export function formatPreflight(report: PreflightReport): string {
  if (!report.configured) {
    return [
      'Azure is not configured: no AZURE_SUBSCRIPTION_ID, ARM_ENDPOINT, AZURE_CLIENT_ID or managed identity was found,',
      'so containment actions run simulated and change nothing.',
      'Give the bot a managed identity (or AZURE_CLIENT_ID and a credential the @azure/identity way) and ' +
        'AZURE_SUBSCRIPTION_ID, then run preflight again.',
    ].join('\n');
  }
  const lines = ["Incident Commander preflight: what the bot's own identity may do", ''];
  for (const scope of report.scopes) {
    const read = scope.permissions
      ? `${scope.permissions.length} role permission set(s) read`
      : `NOT CHECKED (${scope.error ?? 'unknown error'})`;
    lines.push(`  scope ${scope.scope}: ${read}`);
  }
  lines.push(`  Microsoft Graph: ${graphLine(report.graph)}`, '');
  const width = Math.max(...report.actions.map((action) => action.type.length)) + 2;
  for (const action of report.actions) {
    const label = action.type.padEnd(width);
    if (action.status === 'ready') lines.push(`  ${label}ready`);
    for (const gap of action.missing)
      lines.push(`  ${label}missing ${gap.permission}${gap.scope ? ` on ${gap.scope}` : ''}: ${gap.grant}`);
    if (action.missing.length === 0) for (const reason of action.unknown) lines.push(`  ${label}unknown: ${reason}`);
  }
  const ready = report.actions.filter((action) => action.status === 'ready').length;
  lines.push('', `${ready} of ${report.actions.length} containment actions ready.`);
  if (report.exitCode !== 0)
    lines.push(
      'Least privilege: deploy/azure/incident-commander-role.json holds exactly these ARM operations; ' +
        'deploy/azure/README.md lists the Graph permissions.',
    );
  return lines.join('\n');
}

function graphLine(graph: GraphCheck): string {
  if (!graph.roles) return `NOT CHECKED (${graph.note ?? 'unknown error'})`;
  const held = graph.roles.length ? graph.roles.join(', ') : 'no application permissions';
  const from =
    graph.source === 'token' ? "from the claims of the bot's current token" : 'from its app role assignments';
  return `${held} (${from})${graph.note ? `; ${graph.note}` : ''}`;
}
