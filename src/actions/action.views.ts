import type { IncidentState } from '../incident/incident.state.ts';
import type { Block, View } from '../views/view.types.ts';
import { ACTION_CATALOG } from './catalog.ts';
import type { ActionRecord } from './action-record.ts';
import { buttonId } from '../views/interaction-ids.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import { approversOf } from './action.decide.ts';

const SIMULATED = 'SIMULATED: nothing in Azure changes (drill, or Azure is not configured).';

function paramsText(record: ActionRecord): string {
  // The ticket body is long: the approver reads it in /ir draft support; the hash binds it.
  const entries = Object.entries(record.params).map(
    ([name, value]) =>
      [name, name === 'ticket' ? `the drafted Support ticket (${String(value).length} characters)` : value] as const,
  );
  return entries.length ? entries.map(([name, value]) => `${name}=${String(value)}`).join(', ') : 'none';
}

function label(record: ActionRecord): string {
  return `${record.simulated ? '[simulated] ' : ''}${record.undoOf ? `undo of ${record.undoOf}: ` : ''}${record.type}`;
}

/**
 * The approval card: what will change, on what, who asked, until when; Approve and Deny carry who may press them
 * (the core's rule, `approversOf`), for the platforms that draw a button for some people only.
 */
export function approvalView(state: IncidentState, record: ActionRecord, pools: RolePools): View {
  const approvers = approversOf(state, pools);
  const blocks: Block[] = [
    { type: 'header', text: `Approval needed: ${label(record)}` },
    { type: 'text', text: record.change },
    {
      type: 'fields',
      fields: [
        { label: 'Target', value: record.target },
        { label: 'Parameters', value: paramsText(record) },
        { label: 'Risk', value: record.risk === 'high' ? 'high: someone other than the requester approves' : 'medium' },
        { label: 'Requested by', value: record.requestedBy },
        { label: 'Approver', value: state.roles.commander[0] ?? 'the commander pool' },
        { label: 'Expires', value: record.expiresAt },
        { label: 'Undo', value: ACTION_CATALOG[record.type].undo?.describe ?? 'not possible' },
      ],
    },
  ];
  if (record.simulated) blocks.push({ type: 'context', text: SIMULATED });
  blocks.push({
    type: 'actions',
    buttons: [
      {
        id: buttonId({ kind: 'action', actionId: record.id, verb: 'approve' }),
        label: 'Approve',
        style: 'primary',
        confirm: `Run ${record.type} on ${record.target}?`,
        command: `/ir approve ${record.id}`,
        audience: approvers,
      },
      {
        id: buttonId({ kind: 'action', actionId: record.id, verb: 'deny' }),
        label: 'Deny',
        style: 'danger',
        command: `/ir deny ${record.id} <reason>`,
        audience: approvers,
      },
    ],
  });
  blocks.push({
    type: 'context',
    text: `Action ${record.id}, parameters bound by hash ${record.paramsHash.slice(0, 12)}…`,
  });
  return {
    summary: `Approval needed for ${label(record)} on ${record.target} (${record.id})`,
    blocks,
    tone: 'warning',
  };
}

/** What became of an action, posted when it ran. */
export function actionResultView(record: ActionRecord): View {
  if (record.status === 'failed' && record.failure) {
    const failure = record.failure;
    return {
      summary: `${label(record)} failed: ${failure.message}`,
      tone: 'error',
      blocks: [
        { type: 'header', text: `Failed: ${label(record)}` },
        { type: 'text', text: failure.message },
        {
          type: 'fields',
          fields: [
            { label: 'Target', value: record.target },
            { label: 'Error', value: `${failure.code}${failure.status ? ` (HTTP ${failure.status})` : ''}` },
            { label: 'What to do', value: failure.hint },
          ],
        },
        {
          type: 'context',
          text: `Action ${record.id}. Nothing was changed by this attempt; request it again once fixed.`,
        },
      ],
    };
  }
  const undo = ACTION_CATALOG[record.type].undo?.describe;
  const blocks: Block[] = [
    { type: 'header', text: `Done: ${label(record)}` },
    { type: 'text', text: record.detail ?? 'Executed.' },
    {
      type: 'fields',
      fields: [
        { label: 'Target', value: record.target },
        { label: 'Approved by', value: record.approvedBy ?? 'unknown' },
      ],
    },
  ];
  if (record.simulated) blocks.push({ type: 'context', text: SIMULATED });
  if (undo && !record.undoOf)
    blocks.push({
      type: 'actions',
      buttons: [
        {
          id: buttonId({ kind: 'action', actionId: record.id, verb: 'undo' }),
          label: 'Undo',
          confirm: `Request an undo: ${undo}?`,
          command: `/ir undo ${record.id}`,
        },
      ],
    });
  return { summary: `${label(record)} executed on ${record.target}`, blocks, tone: 'success' };
}

/** `/ir actions`: every request and its fate. */
export function actionsListView(state: IncidentState): View {
  const records = Object.values(state.actions).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  return {
    summary: `${records.length} containment actions in ${state.id}`,
    blocks: [
      { type: 'header', text: `Containment actions in ${state.id}` },
      {
        type: 'list',
        items: records.map((record) => ({
          time: record.requestedAt,
          text:
            `${record.id} ${label(record)} on ${record.target}: ` +
            `${record.status}${record.approvedBy ? `, approved by ${record.approvedBy}` : ''}` +
            `${record.denyReason ? `, denied: ${record.denyReason}` : ''}` +
            `${record.failure ? `, ${record.failure.code}` : ''}`,
        })),
      },
    ],
  };
}
