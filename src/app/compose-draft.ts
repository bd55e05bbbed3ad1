import { createHash } from 'node:crypto';
import type { ClockConfig } from '../decision/decision.types.ts';
import { domainError, type DomainError, type Result } from '../domain/errors.ts';
import { newEvent, type IncidentEvent, type NewEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Command } from '../commands/command.types.ts';
import { dataSubjectDraft } from '../drafts/data-subject.draft.ts';
import { registerDraft } from '../drafts/register.draft.ts';
import type { DraftContacts, DraftInput } from '../drafts/draft.types.ts';
import { regulatorDraft } from '../drafts/regulator.draft.ts';
import { supportDraft, supportTicketBody } from '../drafts/support.draft.ts';
import { describeEvent } from '../views/event-describe.ts';
import type { View } from '../views/view.types.ts';
import { buttonId } from '../views/interaction-ids.ts';

/** What the drafts are filled from: the incident's own record, never invented facts. */
export function draftInputOf(
  state: IncidentState,
  events: readonly IncidentEvent[],
  contacts: DraftContacts & { supportRequest?: { serviceId?: string; problemClassificationId?: string; ask?: string } },
): DraftInput {
  const breach = state.breach.breach;
  const executed = Object.values(state.actions).filter(
    (action) => action.status === 'executed' || action.status === 'undone',
  );
  const resources = [
    ...new Set([
      ...(state.sentinel?.entities ?? []).filter((e) => e.kind === 'AzureResource').map((e) => e.value),
      ...executed.map((a) => a.target).filter((t) => t.startsWith('/subscriptions/')),
    ]),
  ];
  return {
    incident: {
      id: state.id,
      title: state.title,
      severity: state.severity,
      status: state.status,
      declaredAt: new Date(state.declaredAt ?? 0),
    },
    timeline: events.map((event) => ({
      at: new Date(event.at),
      text: describeEvent(event, { figures: true }),
      actor: `${event.actor.platform}:${event.actor.id}`,
    })),
    ...(breach
      ? {
          breach: {
            awareAt: new Date(breach.awareAt),
            categories: breach.categories,
            jurisdictions: breach.jurisdictions,
            role: breach.role,
            highRisk: breach.highRisk,
            setBy: breach.setBy,
            ...(breach.subjects !== undefined ? { subjects: breach.subjects } : {}),
            ...(breach.subjectsIn ? { subjectsIn: breach.subjectsIn } : {}),
            ...(breach.records !== undefined ? { records: breach.records } : {}),
          },
        }
      : {}),
    contacts,
    actions: executed.map((action) => ({
      type: action.type,
      target: action.target,
      at: new Date(action.executedAt ?? action.requestedAt),
    })),
    resources,
    clocks: Object.values(state.breach.clocks),
    ...(contacts.supportRequest ? { support: { ...contacts.supportRequest } } : {}),
  };
}

/**
 * The Support API ticket a `support.create-ticket` request files: the one
 * `/ir draft support` shows, bound into the request by hash. An incomplete
 * body is refused here, before anyone is asked to approve it.
 */
export function ticketFor(
  state: IncidentState,
  events: readonly IncidentEvent[],
  contacts: Parameters<typeof draftInputOf>[2],
): Result<string, DomainError> {
  const body = supportTicketBody(draftInputOf(state, events, contacts));
  const text = JSON.stringify(body);
  const missing = [...text.matchAll(/\[TO COMPLETE: ([^\]]*)\]/g)].map((match) => match[1]);
  if (missing.length) {
    return {
      ok: false,
      error: domainError('action.invalid_params', `The support ticket is not complete: ${missing.join('; ')}.`, {
        hint:
          'Set contacts.supportContact and contacts.supportRequest in IC_CONFIG; /ir draft support shows ' +
          'the ticket.',
      }),
    };
  }
  return { ok: true, value: text };
}

/** The drafts that need no regime: their title and generator. */
const PLAIN_DRAFTS: Record<
  'support' | 'customers' | 'register',
  { title: string; make: (input: DraftInput, now: Date) => string }
> = {
  support: { title: 'Draft Microsoft Support escalation', make: supportDraft },
  customers: { title: 'Draft data-subject communication', make: dataSubjectDraft },
  register: { title: 'Draft breach register entry', make: registerDraft },
};

/** Produces a draft as a view, the DraftGenerated event that records its hash, and the hash. */
export function draft(
  command: Extract<Command, { name: 'draft' }>,
  state: IncidentState,
  events: readonly IncidentEvent[],
  contacts: DraftContacts,
  clocks: ClockConfig,
  now: Date,
): Result<{ view: View; event: NewEvent; sha256: string }, DomainError> {
  const input = draftInputOf(state, events, contacts);
  let markdown: string;
  let title: string;
  let regime: string | undefined;
  if (command.kind === 'regulator') {
    regime = command.regime ?? Object.keys(state.breach.clocks)[0] ?? 'gdpr-art33';
    if (!clocks.regimes.some((candidate) => candidate.id === regime)) {
      return {
        ok: false,
        error: domainError('clock.unknown_regime', `There is no regime "${regime}".`, {
          hint: `Regimes: ${clocks.regimes.map((r) => r.id).join(', ')}.`,
        }),
      };
    }
    markdown = regulatorDraft(regime, input, now, clocks.regimes, clocks.calendars);
    title = `Draft regulator notice (${regime})`;
  } else {
    const plain = PLAIN_DRAFTS[command.kind];
    markdown = plain.make(input, now);
    title = plain.title;
  }
  const sha256 = createHash('sha256').update(markdown).digest('hex');
  return {
    ok: true,
    value: {
      sha256,
      view: {
        summary: title,
        blocks: [
          { type: 'header', text: title },
          { type: 'markdown', text: markdown },
          {
            type: 'context',
            text: `sha256 ${sha256.slice(0, 16)}…; a draft for legal to edit, computed, not legal advice.`,
          },
          ...(command.kind === 'support'
            ? [
                {
                  type: 'actions' as const,
                  buttons: [
                    {
                      id: buttonId({ kind: 'support-ticket' }),
                      label: 'File with Microsoft Support',
                      confirm: 'Request filing this ticket? The commander approves it first.',
                      command: '/ir request support.create-ticket /subscriptions/<subscription id>',
                    },
                  ],
                },
              ]
            : []),
        ],
      },
      event: newEvent('DraftGenerated', {
        kind: command.kind,
        ...(regime ? { regime } : {}),
        sha256,
        characters: markdown.length,
      }),
    },
  };
}
