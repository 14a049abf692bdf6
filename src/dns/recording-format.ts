import { z } from 'zod';
import { canonicalName, type LookupResult, type RecordType } from './types.js';

/**
 * A DNS recording (--dns-record) is NDJSON: a header line, one line per question with its outcome,
 * and an end line that counts them (so a file cut short is told from a finished one):
 *
 *   {"recording":"dmarc-audit DNS answers","format":1,"tool":"dmarc-audit","version":…,"started":…,"nameservers":[…],…}
 *   {"name":"_dmarc.example.com","type":"TXT","status":"answer","records":["v=DMARC1; p=reject"],"canonicalName":"_dmarc.example.com","ad":true}
 *   {"name":"example.org","type":"TXT","status":"timeout","detail":"example.org TXT: 192.0.2.53:53: no reply within 2000 ms"}
 *   {"end":true,"questions":2,"finished":"…"}
 */
export const RECORDING_MAGIC = 'dmarc-audit DNS answers';
export const RECORDING_FORMAT = 1;

export const RECORD_TYPES = ['TXT', 'A', 'AAAA', 'MX', 'PTR', 'CNAME', 'TLSA'] as const satisfies readonly RecordType[];
/** What a name server can answer that a recording holds; `unrecorded` is a replay's own and never recorded. */
const RECORDED_FAILURES = ['servfail', 'refused', 'timeout', 'malformed', 'error'] as const;

export const recordingHeaderSchema = z.looseObject({
  recording: z.literal(RECORDING_MAGIC),
  format: z.literal(RECORDING_FORMAT),
  tool: z.string(),
  version: z.string(),
  started: z.string(),
});
export type RecordingHeader = z.infer<typeof recordingHeaderSchema> & Record<string, unknown>;

export const recordingEndSchema = z.strictObject({ end: z.literal(true), questions: z.number().int().nonnegative(), finished: z.string() });

const mx = z.strictObject({ preference: z.number().int().min(0).max(65_535), exchange: z.string() });
const u8 = z.number().int().min(0).max(255);
const tlsa = z.strictObject({ usage: u8, selector: u8, matchingType: u8, certificate: z.string().regex(/^(?:[0-9a-f]{2})*$/) });
/** The types whose records are objects, and the schema of each; the others' records are strings. */
const OBJECT_RECORDS: Partial<Record<RecordType, z.ZodType>> = { MX: mx, TLSA: tlsa };
const question = { name: z.string().min(1), type: z.enum(RECORD_TYPES), ad: z.boolean().optional() };
const answerLineSchema = z.discriminatedUnion('status', [
  z.strictObject({ ...question, status: z.literal('answer'), records: z.array(z.union([z.string(), mx, tlsa])).min(1), canonicalName: z.string() }),
  z.strictObject({ ...question, status: z.enum(['nxdomain', 'nodata']) }),
  z.strictObject({ ...question, status: z.enum(RECORDED_FAILURES), detail: z.string() }),
]);

export interface RecordedAnswer {
  /** `TYPE name`, the name canonical: how a replay finds it. */
  key: string;
  result: LookupResult;
}

export const questionKey = (name: string, type: RecordType): string => `${type} ${canonicalName(name)}`;

/**
 * One question and its outcome as a line, keys in a fixed order: the recording's lines, and the
 * text an evidence digest is computed over. `zone` appears only for answers of a zone overlay,
 * which are never recorded.
 */
export function answerLine(name: string, type: RecordType, result: LookupResult): string {
  const line: Record<string, unknown> = { name: canonicalName(name), type, status: result.status };
  if (result.status === 'answer') {
    line.records = result.records;
    line.canonicalName = result.canonicalName;
  } else if ('detail' in result) {
    line.detail = result.detail;
  }
  if (result.authenticated) line.ad = true;
  if (result.zone !== undefined) line.zone = result.zone;
  return JSON.stringify(line);
}

/** A parsed question line, or why it is not one. */
export function readAnswerLine(value: unknown): RecordedAnswer | string {
  const parsed = answerLineSchema.safeParse(value);
  if (!parsed.success) return z.prettifyError(parsed.error).replaceAll('\n', ' ');
  const line = parsed.data;
  const marks = line.ad ? { authenticated: true } : {};
  const key = questionKey(line.name, line.type);
  if (line.status === 'answer') {
    const shape = OBJECT_RECORDS[line.type];
    if (line.records.some((record) => (shape ? !shape.safeParse(record).success : typeof record !== 'string'))) {
      return `${line.type} records must be ${shape ? `${line.type} objects` : 'strings'}`;
    }
    return { key, result: { status: 'answer', records: line.records, canonicalName: line.canonicalName, ...marks } as LookupResult };
  }
  if ('detail' in line) return { key, result: { status: line.status, detail: line.detail } };
  return { key, result: { status: line.status, ...marks } };
}
