import type { InputLine } from './read-lines.js';
import { normalizeDomain } from '../domain/normalize.js';

/** What one input line asks for: a domain to audit, a line to skip, or an error to report for that line. */
export type DomainLine =
  | { kind: 'domain'; line: number; input: string; domain: string }
  | { kind: 'skip'; line: number }
  | { kind: 'header'; line: number }
  | { kind: 'invalid'; line: number; input: string; error: string };

/** The first field of a CSV line, unquoted ("a,b" → a; "\"a\",b" → a). */
function firstCsvField(text: string): string {
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    return end === -1 ? text.slice(1) : text.slice(1, end);
  }
  const comma = text.indexOf(',');
  return comma === -1 ? text : text.slice(0, comma);
}

/**
 * Interprets one line of a domain list: blank lines and # comments are skipped, surrounding white
 * space tolerated, and in a CSV the first column is the domain. A CSV header (a first data line whose
 * first column is not a domain) is recognised rather than reported. Pure.
 */
export function parseDomainLine(raw: string, line: number, isFirstDataLine: boolean): DomainLine {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'skip', line };
  const isCsv = text.includes(',');
  const field = isCsv ? firstCsvField(text).trim() : text;
  const result = normalizeDomain(field);
  if (result.ok) return { kind: 'domain', line, input: field, domain: result.domain };
  if (isCsv && isFirstDataLine) return { kind: 'header', line };
  return { kind: 'invalid', line, input: field, error: result.error };
}

/** What a list line leads to: a domain to audit or a line to report; skipped lines and a CSV header lead to nothing. */
export type ListEntry = Extract<DomainLine, { kind: 'domain' | 'invalid' }>;

/**
 * A reader for the lines of one whole list, fed chunk by chunk in order: the entries of each chunk.
 * Tracks which line is the first with data (a CSV header can only be there) and reports a line cut
 * by the reader as too long.
 */
export function listLineReader(): (lines: readonly InputLine[]) => ListEntry[] {
  let firstDataLine = true;
  const entryOf = ({ number, text, truncated }: InputLine): ListEntry | undefined => {
    if (truncated) {
      firstDataLine = false;
      return { kind: 'invalid', line: number, input: text.slice(0, 64), error: 'the line is too long to be a domain name' };
    }
    const parsed = parseDomainLine(text, number, firstDataLine);
    if (parsed.kind === 'skip') return undefined;
    firstDataLine = false;
    return parsed.kind === 'header' ? undefined : parsed;
  };
  return (lines) => {
    const entries: ListEntry[] = [];
    for (const line of lines) {
      const entry = entryOf(line);
      if (entry) entries.push(entry);
    }
    return entries;
  };
}
