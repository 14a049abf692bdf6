import ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

// CommonJS modules: imported from ESM their default is module.exports, whose .default is the same thing.
const Ajv2020 = ajv2020.default;
const addFormats = ajvFormats.default;

/** A draft 2020-12 validator from ajv, independent of the zod schemas the JSON Schema is made from. */
export function validatorFor(schema: object): (value: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`));
}

/**
 * The same schema with every object closed: a property it does not list is an error. The published
 * schema leaves objects open so that reports of later versions, with fields added, still validate;
 * the tests close them to prove the tool emits nothing its contract does not describe.
 */
export function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closed(v)])) : closed(value);
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}
