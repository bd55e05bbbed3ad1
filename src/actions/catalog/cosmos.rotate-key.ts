import { z } from 'zod';
import { defineAction } from '../define-action.ts';

export const rotateCosmosKey = defineAction({
  type: 'cosmos.rotate-key',
  targetKind: 'cosmosAccount',
  description: 'Regenerates one Cosmos DB account key; clients using the old key are cut off.',
  risk: 'high',
  minimumRole: 'DocumentDB Account Contributor',
  params: {
    keyKind: {
      schema: z.enum(['primary', 'secondary', 'primaryReadonly', 'secondaryReadonly']),
      required: true,
      description: 'Which key to regenerate: primary, secondary, primaryReadonly or secondaryReadonly.',
      usage: 'primary|secondary|primaryReadonly|secondaryReadonly',
    },
  },
  // Cosmos DB does not say when a key was created, so a rotation cut off by a crash stays unknown.
  resendSafe: false,
  execute: (containment, { target, params }) => containment.cosmos.rotateKey(target, params.keyKind),
});
