import { LruMap } from '../dns/lru-map.js';
import { parseSpfRecord } from './parse.js';
import type { SpfParseResult } from './record.js';

/** Distinct records remembered; a batch run meets the same few provider records in most trees. */
const REMEMBERED_RECORDS = 1024;

const parsedRecords = new LruMap<string, SpfParseResult>(REMEMBERED_RECORDS);

/**
 * `parseSpfRecord`, remembered by record text: in a batch audit the big providers' includes are
 * parsed once, not once per domain that uses them. The result is shared, so callers only read it.
 */
export function parseSpfRecordOnce(text: string): SpfParseResult {
  let parsed = parsedRecords.get(text);
  if (!parsed) {
    parsed = parseSpfRecord(text);
    parsedRecords.set(text, parsed);
  }
  return parsed;
}
