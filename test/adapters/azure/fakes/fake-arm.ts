import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeHttpServer, type RecordedCall, type Reply } from '../../../support/fake-http.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'azure');
const fixture = <T>(path: string): T => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;

type Json = Record<string, unknown>;
interface Example {
  responses: Record<string, { body?: Json }>;
}

const RG = '/subscriptions/([^/]+)/resourcegroups/([^/]+)/providers';
const STORAGE = new RegExp(`^${RG}/microsoft\\.storage/storageaccounts/([^/]+)(/regeneratekey|/revokeuserdelegationkeys)?$`, 'i');
const RULE = new RegExp(`^${RG}/microsoft\\.network/networksecuritygroups/([^/]+)/securityrules/([^/]+)$`, 'i');
const COSMOS = new RegExp(`^${RG}/microsoft\\.documentdb/databaseaccounts/([^/]+)(/regeneratekey)?$`, 'i');
const ASYNC_OPERATION = /^\/subscriptions\/[^/]+\/providers\/[^/]+\/locations\/westus\/(operations|operationsStatus)\/([^/]+)$/i;
const OPERATION_RESULT = /^\/subscriptions\/[^/]+\/providers\/[^/]+\/locations\/westus\/operationResults\/([^/]+)$/i;
const SUPPORT_TICKET = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.support\/supporttickets\/([^/]+)$/i;
const PERMISSIONS = /^(\/subscriptions\/[^/]+(?:\/resourcegroups\/[^/]+)?)\/providers\/microsoft\.authorization\/permissions$/i;

interface Operation {
  polls: number;
  failure?: { code: string; message: string };
}

/** ARM's error body. */
export const armError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({ status, body: { error: { code, message } }, ...(headers ? { headers } : {}) });

/** The 403 ARM answers when the caller's roles lack an operation. */
export const authorizationFailed = (action: string, scope: string): Reply =>
  armError(
    403,
    'AuthorizationFailed',
    `The client '6bf3b5a5-8e2c-4a0e-9f7a-2d0f5b6c1a11' with object id '6bf3b5a5-8e2c-4a0e-9f7a-2d0f5b6c1a11' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );

/** 429 with Retry-After 0, so the SDK's throttling retry does not wait. */
export const throttled = (): Reply => armError(429, 'TooManyRequests', 'Too many requests, retry after 0 seconds.', { 'retry-after': '0' });

/**
 * A fake Azure Resource Manager speaking the documented REST shapes for the
 * operations containment uses: storage accounts, NSG security rules (PUT and
 * DELETE are long-running), Cosmos DB accounts (PATCH and regenerateKey are
 * long-running) and the caller's permissions list.
 */
export class FakeArm extends FakeHttpServer {
  readonly storage = new Map<string, Json>();
  readonly rules = new Map<string, Map<string, Json>>();
  readonly cosmos = new Map<string, Json>();
  readonly permissions = new Map<string, Json[]>();
  /** Support tickets filed, by name. */
  readonly tickets = new Map<string, Json>();
  readonly #operations = new Map<string, Operation>();
  /** How many polls a long-running operation stays in progress. */
  pollsBeforeDone = 1;
  /** NSG rule PUT: `async` answers 201 + Azure-AsyncOperation; `sync` answers 200 with the final rule. */
  rulePutMode: 'async' | 'sync' = 'async';
  /** When set, the next long-running operation ends Failed with this error. */
  failNextOperation: { code: string; message: string } | undefined;
  #nextOperation = 0;

  /** A storage account shaped like the StorageAccountUpdate example, with overrides on `properties`. */
  addStorageAccount(id: string, properties: Json = {}): void {
    const example = fixture<Example>('storage/StorageAccountUpdate.json').responses['200']?.body as Json;
    const name = id.split('/').pop() ?? '';
    this.storage.set(id.toLowerCase(), { ...example, id, name, properties: { ...(example.properties as Json), ...properties } });
  }

  addNsg(id: string, rules: Json[] = []): void {
    this.rules.set(id.toLowerCase(), new Map(rules.map((rule) => [String(rule.name).toLowerCase(), rule])));
  }

  /** A Cosmos DB account shaped like the CosmosDBDatabaseAccountPatch example. */
  addCosmosAccount(id: string, properties: Json = {}): void {
    const example = fixture<Example>('cosmos/CosmosDBDatabaseAccountPatch.json').responses['200']?.body as Json;
    this.cosmos.set(id.toLowerCase(), { ...example, id, name: id.split('/').pop(), properties: { ...(example.properties as Json), ...properties } });
  }

  /** The permissions list ARM returns for a scope. */
  setPermissions(scope: string, entries: Json[]): void {
    this.permissions.set(scope.toLowerCase(), entries);
  }

  protected override requireBearer = true;

  protected handle(call: RecordedCall, origin: string): Reply {
    let match: RegExpExecArray | null;
    if ((match = STORAGE.exec(call.path))) return this.#storage(call, match);
    if ((match = RULE.exec(call.path))) return this.#rule(call, match, origin);
    if ((match = COSMOS.exec(call.path))) return this.#cosmos(call, match, origin);
    if ((match = ASYNC_OPERATION.exec(call.path))) return this.#asyncStatus(match[2] ?? '');
    if ((match = OPERATION_RESULT.exec(call.path))) return this.#operationResult(match[1] ?? '');
    if ((match = SUPPORT_TICKET.exec(call.path)) && call.method === 'PUT') {
      this.tickets.set((match[2] ?? '').toLowerCase(), call.body as Json);
      return { status: 201, body: { id: call.path, name: match[2], type: 'Microsoft.Support/supportTickets', properties: { ...((call.body as { properties?: Json }).properties ?? {}), status: 'Open' } } };
    }
    if ((match = PERMISSIONS.exec(call.path))) return { status: 200, body: { value: this.permissions.get((match[1] ?? '').toLowerCase()) ?? [] } };
    return armError(404, 'InvalidResourceType', `The resource type could not be found for ${call.path}.`);
  }

  #storage(call: RecordedCall, [, , rg, name, action]: RegExpExecArray): Reply {
    const key = call.path.replace(/\/(regeneratekey|revokeuserdelegationkeys)$/i, '').toLowerCase();
    const account = this.storage.get(key);
    if (!account) return armError(404, 'ResourceNotFound', `The Resource 'Microsoft.Storage/storageAccounts/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    if (action?.toLowerCase() === '/regeneratekey' && call.method === 'POST') {
      // As Azure does: a regenerated key's creation time is now (what a key expiration policy counts from).
      const keyName = String((call.body as { keyName?: unknown } | undefined)?.keyName ?? 'key1');
      const properties = account.properties as Json;
      account.properties = { ...properties, keyCreationTime: { ...((properties.keyCreationTime as Json | undefined) ?? {}), [keyName]: new Date().toISOString() } };
      return { status: 200, body: fixture<Example>('storage/StorageAccountRegenerateKey.json').responses['200']?.body };
    }
    if (action?.toLowerCase() === '/revokeuserdelegationkeys' && call.method === 'POST') return { status: 200 };
    if (action) return armError(405, 'MethodNotAllowed', 'The requested method is not allowed.');
    if (call.method === 'GET') return { status: 200, body: account };
    if (call.method === 'PATCH') {
      const patch = ((call.body as Json | undefined)?.properties ?? {}) as Json;
      const properties = account.properties as Json;
      const networkAcls = patch.networkAcls ? { ...(properties.networkAcls as Json), ...(patch.networkAcls as Json) } : properties.networkAcls;
      account.properties = { ...properties, ...patch, networkAcls };
      return { status: 200, body: account };
    }
    return armError(405, 'MethodNotAllowed', 'The requested method is not allowed.');
  }

  #rule(call: RecordedCall, [, sub, rg, nsgName, ruleName]: RegExpExecArray, origin: string): Reply {
    const nsgId = call.path.replace(/\/securityrules\/[^/]+$/i, '').toLowerCase();
    const rules = this.rules.get(nsgId);
    if (!rules) return armError(404, 'ResourceNotFound', `The Resource 'Microsoft.Network/networkSecurityGroups/${nsgName}' under resource group '${rg}' was not found.`);
    const key = (ruleName ?? '').toLowerCase();
    if (call.method === 'GET') {
      const rule = rules.get(key);
      return rule ? { status: 200, body: rule } : armError(404, 'NotFound', `Resource ${call.path} not found.`);
    }
    if (call.method === 'PUT') {
      const example = fixture<Example>('network/NetworkSecurityGroupRuleCreate.json').responses['201']?.body as Json;
      const rule = { ...example, name: ruleName, id: call.path, properties: { ...((call.body as Json).properties as Json), provisioningState: 'Succeeded' } };
      const existed = rules.has(key);
      rules.set(key, rule);
      if (this.rulePutMode === 'sync') return { status: 200, body: rule };
      const operation = this.#startOperation();
      return { status: existed ? 200 : 201, body: { ...rule, properties: { ...rule.properties, provisioningState: 'Updating' } }, headers: { 'azure-asyncoperation': `${origin}/subscriptions/${sub}/providers/Microsoft.Network/locations/westus/operations/${operation}?api-version=${call.apiVersion}` } };
    }
    if (call.method === 'DELETE') {
      if (!rules.delete(key)) return { status: 204 };
      const operation = this.#startOperation();
      return { status: 202, headers: { location: `${origin}/subscriptions/${sub}/providers/Microsoft.Network/locations/westus/operationResults/${operation}?api-version=${call.apiVersion}` } };
    }
    return armError(405, 'MethodNotAllowed', 'The requested method is not allowed.');
  }

  #cosmos(call: RecordedCall, [, sub, rg, name, action]: RegExpExecArray, origin: string): Reply {
    const key = call.path.replace(/\/regeneratekey$/i, '').toLowerCase();
    const account = this.cosmos.get(key);
    if (!account) return armError(404, 'ResourceNotFound', `The Resource 'Microsoft.DocumentDB/databaseAccounts/${name}' under resource group '${rg}' was not found.`);
    if (action && call.method === 'POST') {
      const operation = this.#startOperation();
      return { status: 202, headers: { location: `${origin}/subscriptions/${sub}/providers/Microsoft.DocumentDB/locations/westus/operationResults/${operation}?api-version=${call.apiVersion}` } };
    }
    if (call.method === 'GET') return { status: 200, body: account };
    if (call.method === 'PATCH') {
      account.properties = { ...(account.properties as Json), ...((call.body as Json).properties as Json) };
      const operation = this.#startOperation();
      return { status: 202, headers: { 'azure-asyncoperation': `${origin}/subscriptions/${sub}/providers/Microsoft.DocumentDB/locations/westus/operationsStatus/${operation}?api-version=${call.apiVersion}` } };
    }
    return armError(405, 'MethodNotAllowed', 'The requested method is not allowed.');
  }

  #startOperation(): string {
    const id = `op-${(this.#nextOperation += 1)}`;
    this.#operations.set(id, { polls: this.pollsBeforeDone, ...(this.failNextOperation ? { failure: this.failNextOperation } : {}) });
    this.failNextOperation = undefined;
    return id;
  }

  /** Azure-AsyncOperation polling: `{status}` until Succeeded (or Failed with an error). */
  #asyncStatus(id: string): Reply {
    const operation = this.#operations.get(id);
    if (!operation) return armError(404, 'NotFound', `Operation ${id} not found.`);
    if (operation.polls > 0) {
      operation.polls -= 1;
      return { status: 200, body: { status: 'InProgress' } };
    }
    return operation.failure ? { status: 200, body: { status: 'Failed', error: operation.failure } } : { status: 200, body: { status: 'Succeeded' } };
  }

  /** Location polling: 202 while running, then the final answer. */
  #operationResult(id: string): Reply {
    const operation = this.#operations.get(id);
    if (!operation) return armError(404, 'NotFound', `Operation ${id} not found.`);
    if (operation.polls > 0) {
      operation.polls -= 1;
      return { status: 202 };
    }
    return operation.failure ? armError(409, operation.failure.code, operation.failure.message) : { status: 204 };
  }
}
