import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRow } from '../../src/render/csv.js';
import { safeJson } from '../../src/render/escape.js';
import { renderText } from '../../src/render/text.js';
import type { DomainAudit } from '../../src/engine/audit.js';
import { reportOf } from '../../src/report/report.js';
import { makeAudit } from '../gate/support.js';
import { runs } from './runs.js';

/** Strings as a stranger's TXT record or input line may hold them: any code unit, escape sequences, formula starts. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '\u001b[2J', '\u009b', '\u202e', '\ud800', '\udc00', 'v=spf1', ' ', 'x'), { maxLength: 20 }).map((parts) => parts.join('')),
);

const reports: fc.Arbitrary<DomainAudit> = fc.record({ domain: hostile, input: hostile, dmarcRecord: hostile, source: hostile, spfRecord: hostile, message: hostile, term: hostile }).map((s) => ({
  ...makeAudit(
    {
      dmarc: { record: s.dmarcRecord, source: s.source, walk: [{ name: s.source, domain: s.domain, outcome: 'record', record: s.dmarcRecord }] },
      spf: { record: s.spfRecord, tree: { domain: s.domain, record: s.spfRecord, terms: [{ term: s.term, lookups: 1, cumulativeLookups: 1, void: false, error: s.message }] } },
      findings: [{ code: 'INPUT_INVALID', args: { input: s.input, error: s.message, line: 1 } }],
    },
    s.domain,
  ),
  evidence: { questions: [{ name: s.source, type: 'TXT', zone: s.term }], sha256: '0'.repeat(64) },
}));

// C0 controls other than line feed, DEL, C1 controls, bidi overrides and isolates, lone surrogates.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** RFC 4180 fields of one row (without its CRLF). */
function parseCsvRow(row: string): string[] {
  const fields: string[] = [];
  const pattern = /("(?:[^"]|"")*"|[^,]*)(,|$)/gy;
  for (let match = pattern.exec(row); match; match = pattern.exec(row)) {
    const raw = match[1] ?? '';
    fields.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (match[2] === '') break;
  }
  return fields;
}

describe('renderer properties', () => {
  it('CSV: one row of the documented columns, formulas neutralised, no raw control character', () => {
    fc.assert(
      fc.property(reports, (report) => {
        const row = csvRow(reportOf(report));
        expect(row.endsWith('\r\n')).toBe(true);
        const body = row.slice(0, -2);
        expect(body).not.toMatch(/[\r\n]/);
        expect(body).not.toMatch(RAW);
        const fields = parseCsvRow(body);
        expect(fields).toHaveLength(CSV_COLUMNS.length);
        for (const column of ['domain', 'dmarc_source', 'dmarc_record', 'spf_record'] as const) {
          expect(fields[CSV_COLUMNS.indexOf(column)]).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it('text: never throws and never emits a raw control character', () => {
    const chalk = new Chalk({ level: 0 });
    fc.assert(
      fc.property(reports, (report) => {
        expect(renderText(reportOf(report), chalk)).not.toMatch(RAW);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('JSON: parses back to the same report, and is well-formed UTF-8 with nothing a terminal acts on', () => {
    fc.assert(
      fc.property(reports, (report) => {
        const json = safeJson(reportOf(report), 2);
        expect(json).not.toMatch(RAW);
        expect(Buffer.from(json, 'utf8').toString('utf8')).toBe(json);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(reportOf(report))));
      }),
      { numRuns: runs(2000) },
    );
  });
});
