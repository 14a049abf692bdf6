import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// CommonJS packages: imported from ESM their default is module.exports, whose .default is the same thing.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

/**
 * The SARIF 2.1.0 JSON Schema as published with the OASIS standard (2.1.0-rtm.5, draft-04), read
 * from the npm package that ships it, never fetched: tests run offline.
 */
const SCHEMA_FILE = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** The validator's errors for a SARIF log (none: valid), formats (uri, date-time…) checked too. */
export function sarifSchemaErrors(log: unknown): string[] {
  // The schema's language pattern, /^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$/, is not valid with the u flag.
  const ajv = new Ajv04({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
