import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';

const require = createRequire(import.meta.url);
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'teams');

/**
 * The official Adaptive Card 1.5 JSON Schema (draft-06), copied into
 * test/fixtures/teams. Ajv 8 speaks draft-07 by default: the draft-06
 * meta-schema is added; the schema's draft-04-style root `id` becomes `$id`
 * (Ajv refuses `id`); its annotation keywords (`version`, `features`,
 * `example`) are declared; `uri`/`uri-reference` formats are checked loosely
 * (ajv-formats is not a dependency).
 */
function compile() {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>);
  ajv.addVocabulary(['version', 'features', 'example']);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  const { id, ...schema } = JSON.parse(readFileSync(join(FIXTURES, 'adaptive-card-1.5.schema.json'), 'utf8')) as Record<string, unknown>;
  return ajv.compile({ ...schema, $id: String(id) });
}

const validate = compile();

/** The schema's complaints about a card, empty when it is valid. */
export function cardSchemaErrors(card: unknown): ErrorObject[] {
  return validate(card) ? [] : [...(validate.errors ?? [])];
}

/** Fails with the schema's errors when a card does not validate. */
export function assertValidCard(card: unknown): void {
  const errors = cardSchemaErrors(card);
  if (errors.length > 0) throw new Error(`Adaptive Card 1.5 schema errors:\n${errors.slice(0, 10).map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n')}\n${JSON.stringify(card).slice(0, 2000)}`);
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}
