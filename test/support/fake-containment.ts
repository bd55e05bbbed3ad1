import type { Containment, ContainmentFailure, ContainmentOutcome } from '../../src/ports/containment.port.ts';

/** One call the core made to a containment port. */
export interface ContainmentCall {
  port: 'storage' | 'identity' | 'network' | 'cosmos' | 'support';
  method: string;
  args: unknown[];
}

/**
 * An in-memory containment for core tests: records every call, answers with
 * a before-state, and can be told to fail the next call of a method.
 */
export class FakeContainment implements Containment {
  readonly calls: ContainmentCall[] = [];
  readonly #failures = new Map<string, ContainmentFailure>();

  constructor(readonly simulated = false) {}

  /** The next call of `port.method` answers with this failure. */
  failNext(port: ContainmentCall['port'], method: string, failure: ContainmentFailure): void {
    this.#failures.set(`${port}.${method}`, failure);
  }

  #call<B>(port: ContainmentCall['port'], method: string, args: unknown[], before: B): Promise<ContainmentOutcome<B>> {
    this.calls.push({ port, method, args });
    const failure = this.#failures.get(`${port}.${method}`);
    if (failure) {
      this.#failures.delete(`${port}.${method}`);
      return Promise.resolve({ ok: false, failure });
    }
    return Promise.resolve({ ok: true, before, detail: `${port}.${method} done` });
  }

  readonly storage = {
    rotateKey: (id: string, key: string) => this.#call('storage', 'rotateKey', [id, key], null),
    revokeUserDelegationKeys: (id: string) => this.#call('storage', 'revokeUserDelegationKeys', [id], null),
    isolate: (id: string) => this.#call('storage', 'isolate', [id], { publicNetworkAccess: 'Enabled', allowBlobPublicAccess: true, defaultAction: 'Allow', bypass: 'AzureServices' }),
    restoreNetwork: (id: string, before: unknown) => this.#call('storage', 'restoreNetwork', [id, before], { publicNetworkAccess: 'Disabled', allowBlobPublicAccess: false, defaultAction: 'Deny', bypass: 'None' }),
    setSharedKeyAccess: (id: string, allowed: boolean) => this.#call('storage', 'setSharedKeyAccess', [id, allowed], { allowSharedKeyAccess: !allowed }),
  };

  readonly identity = {
    revokeSessions: (id: string) => this.#call('identity', 'revokeSessions', [id], null),
    setAccountEnabled: (id: string, enabled: boolean) => this.#call('identity', 'setAccountEnabled', [id, enabled], { accountEnabled: !enabled }),
  };

  readonly network = {
    addDenyRule: (id: string, rule: unknown) => this.#call('network', 'addDenyRule', [id, rule], { existed: false }),
    removeRule: (id: string, name: string) => this.#call('network', 'removeRule', [id, name], null),
  };

  readonly support = {
    createTicket: (subscriptionId: string, name: string, body: Record<string, unknown>) => this.#call('support', 'createTicket', [subscriptionId, name, body], null),
  };

  readonly cosmos = {
    rotateKey: (id: string, kind: string) => this.#call('cosmos', 'rotateKey', [id, kind], null),
    isolate: (id: string) => this.#call('cosmos', 'isolate', [id], { publicNetworkAccess: 'Enabled', disableLocalAuth: false }),
    restore: (id: string, before: unknown) => this.#call('cosmos', 'restore', [id, before], { publicNetworkAccess: 'Disabled', disableLocalAuth: true }),
  };
}
