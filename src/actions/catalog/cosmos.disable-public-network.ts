import type { CosmosNetworkState } from '../../ports/containment.port.ts';
import { defineAction } from '../define-action.ts';

export const disableCosmosPublicNetwork = defineAction({
  type: 'cosmos.disable-public-network',
  targetKind: 'cosmosAccount',
  description:
    'Isolates the Cosmos DB account: public network access disabled and key (local) authentication off, so every ' +
    'account key stops working; only private endpoints with Entra ID auth still reach it.',
  risk: 'high',
  minimumRole: 'DocumentDB Account Contributor',
  params: {},
  resendSafe: true,
  execute: (containment, { target }) => containment.cosmos.isolate(target),
  undo: {
    describe: 'restores public network access and local authentication as they were before',
    revert: (containment, { target, before }) => containment.cosmos.restore(target, before as CosmosNetworkState),
  },
});
