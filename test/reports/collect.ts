import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { extractReports, type ExtractSink } from '../../src/reports/extract.js';
import type { AggregateReport, TlsReport } from '../../src/reports/types.js';

export interface Collected {
  aggregate: { origin: string; report: AggregateReport }[];
  tls: { origin: string; report: TlsReport }[];
  refused: { origin: string; reason: string }[];
  warnings: { origin: string; message: string }[];
}

export function collector(): { sink: ExtractSink; found: Collected } {
  const found: Collected = { aggregate: [], tls: [], refused: [], warnings: [] };
  const sink: ExtractSink = {
    aggregate: (report, origin) => void found.aggregate.push({ origin, report }),
    tls: (report, origin) => void found.tls.push({ origin, report }),
    refused: (origin, reason) => void found.refused.push({ origin, reason }),
    warning: (origin, message) => void found.warnings.push({ origin, message }),
  };
  return { sink, found };
}

/** Everything extractReports finds in a file on disk. */
export async function extractFile(path: string): Promise<Collected> {
  const { sink, found } = collector();
  await extractReports({ name: path, stream: createReadStream(path), path }, sink);
  return found;
}

/** Everything extractReports finds in bytes that are not a file (as from standard input or IMAP). */
export async function extractBytes(name: string, bytes: Buffer | string): Promise<Collected> {
  const { sink, found } = collector();
  await extractReports({ name, stream: Readable.from([Buffer.from(bytes)]) }, sink);
  return found;
}
