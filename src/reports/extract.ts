/**
 * Finds the reports in one input, whatever it is wrapped in: XML, gzip, zip, an e-mail message, an
 * mbox; JSON SMTP TLS reports too. The content decides (src/reports/sniff.ts), recursively up to
 * LIMITS.maxNesting. A broken or hostile part is reported to the sink with where it is and what is
 * wrong, and the rest of the input is still read.
 */
import type { Readable } from 'node:stream';
import { AggregateXmlReader, ReportRefused, type RecordProblem } from './aggregate-xml.js';
import { peek, readAll } from './byte-stream.js';
import { gunzipCapped } from './decompress.js';
import { readEmail } from './email-attachments.js';
import { LIMITS } from './limits.js';
import { MemoryBound } from './memory-bound.js';
import { readMbox } from './mbox-messages.js';
import { sniff, SNIFF_BYTES } from './sniff.js';
import { textDecoderFor } from './text-decoder.js';
import { parseTlsReport } from './tls-report.js';
import type { AggregateReport, TlsReport } from './types.js';
import { zipMembers } from './zip-entries.js';

export interface ExtractSink {
  aggregate(report: AggregateReport, origin: string): void | Promise<void>;
  tls(report: TlsReport, origin: string): void | Promise<void>;
  /** A part that could not be read at all. */
  refused(origin: string, reason: string): void;
  /** A report that was read, with a part of it that was not. */
  warning(origin: string, message: string): void;
}

export interface ExtractInput {
  /** How messages name it: a path, then " > " and the part inside, e.g. "a.eml > r.zip > r.xml". */
  name: string;
  stream: Readable;
  /** The file on disk, when it is one: a zip is then read in place instead of into memory. */
  path?: string;
}

/** Reads every report in `input` into `sink`; returns how many reports were found. */
export async function extractReports(input: ExtractInput, sink: ExtractSink): Promise<number> {
  return extract(input, sink, 0, false);
}

async function extract(input: ExtractInput, sink: ExtractSink, depth: number, insideMessage: boolean): Promise<number> {
  try {
    return await extractOrThrow(input, sink, depth, insideMessage);
  } catch (error) {
    input.stream.destroy();
    sink.refused(input.name, error instanceof Error ? error.message : String(error));
    return 0;
  }
}

async function extractOrThrow(input: ExtractInput, sink: ExtractSink, depth: number, insideMessage: boolean): Promise<number> {
  if (depth > LIMITS.maxNesting) throw new ReportRefused(`refused: containers nested more than ${LIMITS.maxNesting} deep`);
  const { head, stream } = await peek(input.stream, SNIFF_BYTES);
  const inner = (name: string, content: Readable, path?: string): ExtractInput => ({ name: `${input.name} > ${name}`, stream: content, ...(path ? { path } : {}) });
  switch (sniff(head)) {
    case 'empty':
      if (insideMessage) return 0;
      throw new ReportRefused('empty file');
    case 'unknown':
      // A logo or a signature in a message is not a problem; a file given to us that is no report is.
      stream.destroy();
      if (insideMessage) return 0;
      throw new ReportRefused(`not a report (neither XML, JSON, gzip, zip nor e-mail: starts with ${JSON.stringify(head.subarray(0, 16).toString('latin1'))})`);
    case 'gzip':
      return extract({ name: input.name, stream: gunzipCapped(stream) }, sink, depth + 1, false);
    case 'zip': {
      const source = input.path ? { path: input.path } : { buffer: await readAll(stream, LIMITS.maxBufferedZipBytes, 'a zip not read from a file') };
      if (input.path) stream.destroy();
      let found = 0;
      for await (const member of zipMembers(source)) {
        if (member.stream) found += await extract(inner(member.name, member.stream), sink, depth + 1, false);
        else sink.refused(`${input.name} > ${member.name}`, member.problem ?? 'unreadable');
      }
      return found;
    }
    case 'xml':
      await sink.aggregate(await readXml(stream, head, input.name, sink), input.name);
      return 1;
    case 'json':
      await sink.tls(parseTlsReport((await readAll(stream, LIMITS.maxJsonBytes, 'a JSON report')).toString('utf8')), input.name);
      return 1;
    case 'email': {
      let found = 0;
      await readEmail(stream, async (part) => {
        found += await extract(inner(part.name, part.content), sink, depth + 1, true);
      });
      if (found === 0) throw new ReportRefused('no report in this message');
      return found;
    }
    case 'mbox': {
      let found = 0;
      await readMbox(stream, async (message, index) => {
        found += await extract({ name: `${input.name} > message ${index + 1}`, stream: message }, sink, depth + 1, false);
      });
      return found;
    }
  }
}

const memory = new MemoryBound();

async function readXml(stream: Readable, head: Buffer, origin: string, sink: ExtractSink): Promise<AggregateReport> {
  const decoder = textDecoderFor(head);
  const reader = new AggregateXmlReader();
  let started = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    memory.read(chunk.length);
    let text = decoder.decode(chunk, { stream: true });
    if (!started) {
      // XML allows nothing before its declaration; files saved by hand often have a blank line.
      text = text.trimStart();
      started = text !== '';
    }
    reader.write(text);
  }
  reader.write(decoder.decode());
  const report = reader.end();
  if (reader.problems.length > 0) sink.warning(origin, skippedRecords(reader.problems));
  if (reader.trailingError) sink.warning(origin, `read, but the XML after the report is broken: ${reader.trailingError}`);
  return report;
}

function skippedRecords(problems: RecordProblem[]): string {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${problems.length} record${problems.length === 1 ? '' : 's'} skipped: line ${first!.line}: ${first!.message}${more}`;
}
