import { z } from 'zod';
import { defineAction } from '../define-action.ts';

export const createSupportTicket = defineAction({
  type: 'support.create-ticket',
  targetKind: 'subscription',
  description:
    'Files the drafted technical ticket with Microsoft Support (Azure Support API 2024-04-01) for the ' +
    'subscription; the ticket body shown in /ir draft support is the one filed.',
  risk: 'medium',
  minimumRole: 'Support Request Contributor',
  params: {
    ticket: {
      schema: z.string().min(2),
      required: true,
      description: 'The Support API ticket body, built by the bot from the incident.',
      serverBuilt: true,
    },
  },
  usageNote: 'support.create-ticket files the ticket of /ir draft support',
  // The ticket's name is fixed by the action id: filing it again finds the same ticket.
  resendSafe: true,
  execute: (containment, { id, target, params }) =>
    containment.support.createTicket(target, `ic-${id}`, JSON.parse(params.ticket) as Record<string, unknown>),
});
