import { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { ContainmentOutcome, SupportEscalation } from '../../src/ports/containment.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { AzureClients } from './azure.clients.ts';
import type { AzureConfig } from './azure.config.ts';
import { toFailure } from './azure.mapper.ts';
import { SUPPORT } from './azure.permissions.ts';
import { armClientOptions } from './azure.transport.ts';

/**
 * Microsoft Support tickets through the Support API 2024-04-01. The pinned
 * `@azure/arm-support` 2.1.0 speaks only 2020-04-01 (no advancedDiagnosticConsent),
 * so the call goes as a direct REST request through the same authenticated
 * ARM pipeline as the SDK clients (DESIGN.md, "Stack").
 */
export const SUPPORT_API_VERSION = '2024-04-01';
const SUBSCRIPTION = /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const TICKET_NAME = /^[A-Za-z0-9-]{1,64}$/;

export class AzureSupportEscalation implements SupportEscalation {
  readonly #arm: ServiceClient;

  constructor(
    private readonly config: Readonly<AzureConfig>,
    clients: AzureClients,
    private readonly logger: Logger,
  ) {
    this.#arm = new ServiceClient({ credential: clients.credential, ...armClientOptions(config, clients.tuning) });
  }

  async createTicket(
    subscriptionId: string,
    ticketName: string,
    body: Record<string, unknown>,
  ): Promise<ContainmentOutcome> {
    const subscription = SUBSCRIPTION.exec(subscriptionId)?.[1];
    if (!subscription || !TICKET_NAME.test(ticketName)) {
      return {
        ok: false,
        failure: {
          code: 'azure.invalid_target',
          message: `"${subscriptionId}" is not a subscription id.`,
          hint: 'Give it as /subscriptions/<subscription id>.',
        },
      };
    }
    const scope = `/subscriptions/${subscription}`;
    const url =
      `${armClientOptions(this.config).endpoint}${scope}/providers/Microsoft.Support/supportTickets/` +
      `${ticketName}?api-version=${SUPPORT_API_VERSION}`;
    try {
      const response = await this.#arm.sendRequest(withJson(url, body));
      if (response.status !== 200 && response.status !== 201 && response.status !== 202) {
        const error = (safeJson(response.bodyAsText)?.error ?? {}) as { code?: string; message?: string };
        throw new RestError(`${error.code ?? `HTTP ${response.status}`}: ${error.message ?? 'no message'}`, {
          statusCode: response.status,
          ...(error.code ? { code: error.code } : {}),
        });
      }
      this.logger.info('support ticket filed', { subscription, ticketName });
      return {
        ok: true,
        before: null,
        detail:
          `Filed Microsoft Support ticket ${ticketName} for subscription ${subscription} (severity ` +
          `${severityOf(body)}).`,
      };
    } catch (error) {
      return { ok: false, failure: toFailure(error, { needs: { arm: SUPPORT.write }, target: scope }) };
    }
  }
}

function withJson(url: string, body: Record<string, unknown>) {
  const request = createPipelineRequest({ url, method: 'PUT', body: JSON.stringify(body) });
  request.headers.set('content-type', 'application/json');
  return request;
}

function safeJson(text: string | null | undefined): Record<string, unknown> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The severity Azure answered the ticket with, as text. */
function severityOf(body: { properties?: unknown }): string {
  const severity = (body.properties as { severity?: unknown } | undefined)?.severity;
  return typeof severity === 'string' ? severity : 'unknown';
}
