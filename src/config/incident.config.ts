import { z } from 'zod';
import { ROLES } from '../domain/incident.types.ts';
import { regimeOverrideSchema } from '../clocks/regime.config.ts';
import { DEFAULT_DECLARATION_RULES, declarationRulesSchema } from '../sentinel/declaration-rules.ts';

const PLATFORM_PRINCIPAL = /^(console|slack|teams):[^\s:]+$/;
const EMAIL = /^[^\s@:]+@[^\s@]+\.[^\s@]+$/;
const GROUP = /^group:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person or group in config: `slack:U024BE7LH`, `teams:<object id>`, `console:alice`, an email, or `group:<entra
 * group id>`.
 */
export const principalEntry = z
  .string()
  .trim()
  .refine((value) => PLATFORM_PRINCIPAL.test(value) || EMAIL.test(value) || GROUP.test(value), {
    message:
      'write a principal as <platform>:<id> (slack:U024BE7LH, teams:<object id>, console:alice), an email, or ' +
      'group:<entra group id>',
  });

const rolePools = z.strictObject(
  Object.fromEntries(ROLES.map((role) => [role, z.array(principalEntry).optional()])) as Record<
    (typeof ROLES)[number],
    z.ZodOptional<z.ZodArray<typeof principalEntry>>
  >,
);

/**
 * The YAML file named by IC_CONFIG. Later capabilities (regimes, declaration rules, channels) add their sections here.
 */
export const incidentConfigSchema = z.strictObject({
  roles: rolePools.optional().default({}),
  /**
   * The people directory: the principals that belong to one human, so that four eyes holds per person across
   * platforms. A verified email (Slack's users.info) links a principal to the person with that email as well.
   */
  people: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1, 'give the person a name'),
        email: z.string().email().optional(),
        principals: z
          .array(
            z
              .string()
              .trim()
              .regex(PLATFORM_PRINCIPAL, 'write a principal as <platform>:<id> (slack:U024BE7LH, teams:<object id>)'),
          )
          .min(1, 'list at least one principal'),
      }),
    )
    .optional()
    .default([]),
  /** What the organisation is: decides which regimes a breach starts (NIS2, DORA, SEC, CRA, NYDFS, ...). */
  organisation: z
    .strictObject({
      nis2Entity: z.boolean().optional(),
      doraEntity: z.boolean().optional(),
      secRegistrant: z.boolean().optional(),
      craManufacturer: z.boolean().optional(),
      trustServiceProvider: z.boolean().optional(),
      pecrProvider: z.boolean().optional(),
      nydfsCovered: z.boolean().optional(),
      ftcFinancialInstitution: z.boolean().optional(),
      secRegSpInstitution: z.boolean().optional(),
      usBankingOrganisation: z.boolean().optional(),
      /**
       * DORA's weekend relief (RTS 2025/301 Art. 5(4)-(5)), opt-in: `all-reports`, or `final-report` for credit
       * institutions, central counterparties, trading venues and NIS2 entities (no relief for their initial and
       * intermediate reports). Absent: no relief.
       */
      doraWeekendRelief: z.enum(['all-reports', 'final-report']).optional(),
    })
    .optional()
    .default({}),
  /** Who the drafts name, and the legal contact's time zone for deadlines. */
  contacts: z
    .strictObject({
      legalTimeZone: z
        .string()
        .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York')
        .optional(),
      company: z.string().optional(),
      dpo: z.strictObject({ name: z.string(), email: z.string().email(), phone: z.string().optional() }).optional(),
      supportContact: z
        .strictObject({
          firstName: z.string(),
          lastName: z.string(),
          email: z.string().email(),
          phone: z.string().optional(),
          country: z.string(),
          timeZone: z.string(),
          language: z.string().default('en-US'),
        })
        .optional(),
      /**
       * The Support API service and problem classification a filed ticket uses (from the Services and
       * ProblemClassifications lists).
       */
      supportRequest: z
        .strictObject({
          serviceId: z
            .string()
            .regex(
              /^\/providers\/Microsoft\.Support\/services\/[^/]+$/i,
              'must look like /providers/Microsoft.Support/services/<service guid>',
            )
            .optional(),
          problemClassificationId: z
            .string()
            .regex(
              /^\/providers\/Microsoft\.Support\/services\/[^/]+\/problemClassifications\/[^/]+$/i,
              'must look like /providers/Microsoft.Support/services/<guid>/problemClassifications/<guid>',
            )
            .optional(),
          ask: z.string().optional(),
        })
        .optional(),
    })
    .optional()
    .default({}),
  /** Changes to the shipped regimes: offsets, amounts, added regimes and holiday calendars (regulatory.md). */
  regimes: regimeOverrideSchema.optional(),
  /** Which Sentinel incidents open a war room at once and which are proposed to triage. */
  sentinel: z
    .strictObject({ declaration: declarationRulesSchema.optional().default(DEFAULT_DECLARATION_RULES) })
    .optional()
    .default({ declaration: DEFAULT_DECLARATION_RULES }),
});

export type IncidentConfig = z.infer<typeof incidentConfigSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
