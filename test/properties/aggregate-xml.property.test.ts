import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AggregateXmlReader, ReportRefused } from '../../src/reports/aggregate-xml.js';
import { reportXml } from '../support/report-fixtures.js';
import { runs } from './runs.js';

const TOKENS = [
  '<feedback>', '</feedback>', '<record>', '</record>', '<row>', '</row>', '<source_ip>', '</source_ip>', '<count>', '</count>',
  '<report_metadata>', '</report_metadata>', '<report_id>', '</report_id>', '<!DOCTYPE x>', '&amp;', '&x;', '<![CDATA[a]]>',
  '192.0.2.1', '1', '-1', 'example.com', '<header_from>', '</header_from>', '<identifiers>', '</identifiers>', '<', '>', '/', ' ', '\u0000', '\ufffd',
];

/** Everything but a report or a refusal is a bug: the reader must turn any input into one of the two. */
function readOrRefuse(chunks: string[]): void {
  const reader = new AggregateXmlReader();
  try {
    for (const chunk of chunks) reader.write(chunk);
    const report = reader.end();
    for (const r of report.records) expect(Number.isInteger(r.count) && r.count >= 0).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportRefused);
  }
}

describe('AggregateXmlReader properties', () => {
  it('reads or refuses arbitrary text, fed in arbitrary chunks', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 10 }), readOrRefuse), { numRuns: runs(1000) });
  });

  it('reads or refuses report-shaped token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (tokens) => readOrRefuse([tokens.join('')])), { numRuns: runs(2000) });
  });

  it('a generated report reads back with the same counts however it is split', () => {
    const row = fc.record({ ip: fc.ipV4(), count: fc.nat({ max: 1e6 }), dkim: fc.constantFrom('pass' as const, 'fail' as const) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 5 }), (rows, cuts) => {
        const xml = reportXml({ id: 'p', rows });
        const at = [...new Set(cuts.map((c) => c % (xml.length + 1)))].sort((a, b) => a - b);
        const reader = new AggregateXmlReader();
        let from = 0;
        for (const cut of [...at, xml.length]) {
          reader.write(xml.slice(from, cut));
          from = cut;
        }
        const total = reader.end().records.reduce((sum, r) => sum + r.count, 0);
        expect(total).toBe(rows.reduce((sum, r) => sum + r.count, 0));
      }),
      { numRuns: runs(300) },
    );
  });
});
