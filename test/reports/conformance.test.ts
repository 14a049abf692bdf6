/**
 * Every real-world sample in ../shared/conformance/aggregate-reports/ (parsedmarc's samples,
 * Apache-2.0, read in place and never copied): each is read correctly, checked record by record
 * against an independent parse of the same file with fast-xml-parser, or refused with the right reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { AggregateReport } from '../../src/reports/types.js';
import { extractFile } from './collect.js';

const SAMPLES = fileURLToPath(new URL('../../../shared/conformance/aggregate-reports/', import.meta.url));
const at = (name: string): string => `${SAMPLES}${name}`;

/** The facts of a report as another XML parser reads them: [ip, count, dkim, spf, header_from] per record. */
function independentRecords(xml: string): [string, number, string, string, string][] {
  const doc = new XMLParser({ processEntities: false, isArray: (name) => name === 'record', parseTagValue: false }).parse(xml) as Record<string, unknown>;
  const feedback = (doc.feedback ?? (doc['xs:schema'] as Record<string, unknown>).feedback) as { record: Record<string, Record<string, Record<string, string>>>[] };
  return feedback.record.map((r) => [
    String(r.row!.source_ip),
    Number(r.row!.count),
    String((r.row!.policy_evaluated as unknown as Record<string, string>).dkim).toLowerCase(),
    String((r.row!.policy_evaluated as unknown as Record<string, string>).spf).toLowerCase(),
    String(r.identifiers!.header_from),
  ]);
}

const ours = (report: AggregateReport): [string, number, string, string, string][] =>
  report.records.map((r) => [r.sourceIp, r.count, r.dkim, r.spf, r.headerFrom]);

const sorted = <T>(rows: T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

// Plain XML samples that must be read, with their reporter and report id.
const READ_XML: [file: string, org: string, id: string][] = [
  ['aggregate/!example.com!1538204542!1538463818.xml', '', 'example.com:1538463741'],
  ['aggregate/addisonfoods.com!example.com!1536105600!1536191999.xml', 'addisonfoods.com', '3ceb5548498640beaeb47327e202b0b9'],
  ['aggregate/empty_reason.xml', 'example.org', '20240125141224705995'],
  ['aggregate/example.net!example.com!1529366400!1529452799.xml', 'example.net', 'b043f0e264cf4ea995e93765242f6dfb'],
  ['aggregate/old_draft_from_wiki.xml', 'acme.com', '9391651994964116463'],
  ['aggregate/rfc9990-sample.xml', 'Sample Reporter', '3v98abbp8ya9n3va8yr8oa3ya'],
  ['aggregate/usssa.com!example.com!1538784000!1538870399.xml', 'usssa.com', '8953b4d4a4ee4218b6ac0e2cb2667ee1'],
  ['aggregate/veeam.com!example.com!1530133200!1530219600.xml', 'veeam.com', 'sonexushealth.com:1530233361'],
  ['aggregate_invalid/report_with_upper_cased_pass.xml', 'example.com', 'aggr_report_example.com_20191202_1638'],
  ['extract_report/nice-input.xml', 'google.com', '11038226378739404135'],
  ['extract_report/changed-input.xml', 'fred.com', '11038226378739404135'],
];

if (!existsSync(SAMPLES)) {
  describe.skip(`aggregate report samples: ${SAMPLES} not found (shared checkout absent)`, () => {
    it.skip('needs the samples', () => {});
  });
} else {
  describe('real aggregate reports, read in place', () => {
    it.each(READ_XML)('%s: every record as another XML parser reads it', async (file, org, id) => {
      const found = await extractFile(at(file));
      expect(found.refused).toEqual([]);
      expect(found.aggregate).toHaveLength(1);
      const { report } = found.aggregate[0]!;
      expect([report.orgName, report.reportId]).toEqual([org, id]);
      expect(sorted(ours(report))).toEqual(sorted(independentRecords(readFileSync(at(file), 'utf8'))));
    });

    it('RFC 9990 sample: namespace, np, testing, disposition "pass", selector after result', async () => {
      const { report } = (await extractFile(at('aggregate/rfc9990-sample.xml'))).aggregate[0]!;
      expect(report.policy).toMatchObject({ domain: 'example.com', p: 'quarantine', sp: 'none', np: 'none', testing: 'n' });
      expect(report.records[0]).toMatchObject({ disposition: 'pass', dkimResults: [{ domain: 'example.com', selector: 'abc123', result: 'pass' }] });
      expect([report.begin, report.end]).toEqual([302832000, 302918399]);
    });

    it('mixed-case results are lower-cased ("Pass", "None")', async () => {
      const { report } = (await extractFile(at('aggregate_invalid/report_with_upper_cased_pass.xml'))).aggregate[0]!;
      expect(report.records[0]).toMatchObject({ disposition: 'none', dkim: 'pass', spf: 'pass', spfResults: [{ result: 'pass' }] });
    });

    it('an empty <reason> adds no reason; human_result and scope are read', async () => {
      const { report } = (await extractFile(at('aggregate/empty_reason.xml'))).aggregate[0]!;
      expect(report.records[0]).toMatchObject({ reasons: [], envelopeFrom: 'example.edu', spfResults: [{ domain: 'example.edu', scope: 'mfrom', result: 'pass' }] });
    });

    it('.xml.gz: the same records as the gunzipped file', async () => {
      const file = at('aggregate/fastmail.com!example.com!1516060800!1516147199!102675056.xml.gz');
      const found = await extractFile(file);
      expect(found.aggregate.map((a) => a.report.reportId)).toEqual(['102675056']);
      expect(ours(found.aggregate[0]!.report)).toEqual(independentRecords(gunzipSync(readFileSync(file)).toString('utf8')));
    });

    it('.xml.zip and .xml.gz of extract_report/ hold the report of nice-input.xml', async () => {
      const xml = (await extractFile(at('extract_report/nice-input.xml'))).aggregate[0]!.report;
      for (const file of ['extract_report/nice-input.xml.gz', 'extract_report/nice-input.xml.zip']) {
        const found = await extractFile(at(file));
        expect(found.aggregate.map((a) => a.report)).toEqual([xml]);
      }
      expect(xml.records.reduce((sum, r) => sum + r.count, 0)).toBe(independentRecords(readFileSync(at('extract_report/nice-input.xml'), 'utf8')).reduce((s, r) => s + r[1], 0));
    });

    it('.zip from a Mexican government reporter: one record of 148.243.137.254', async () => {
      const found = await extractFile(at('aggregate/estadocuenta1.infonacot.gob.mx!example.com!1536853302!1536939702!2940.xml.zip'));
      expect(found.aggregate).toHaveLength(1);
      expect(found.aggregate[0]!.origin).toMatch(/\.xml\.zip > estadocuenta1\.infonacot\.gob\.mx!example\.com!1536853302!1536939702!2940\.xml$/);
      expect(ours(found.aggregate[0]!.report)).toEqual([['148.243.137.254', 1, 'fail', 'fail', 'example.com']]);
    });

    it('.eml from Google through Exchange: the base64 zip attachment is read', async () => {
      const found = await extractFile(at('aggregate/Report domain- borschow.com Submitter- google.com Report-ID- 949348866075514174.eml'));
      expect(found.refused).toEqual([]);
      expect(found.aggregate).toHaveLength(1);
      const { report, origin } = found.aggregate[0]!;
      expect(origin).toMatch(/\.eml > google\.com!borschow\.com!1549929600!1550015999\.zip > google\.com!borschow\.com!1549929600!1550015999\.xml$/);
      expect([report.orgName, report.reportId, report.policy.domain]).toEqual(['google.com', '949348866075514174', 'borschow.com']);
      expect(report.records.reduce((sum, r) => sum + r.count, 0)).toBeGreaterThan(0);
    });

    it('a <feedback> inside an unclosed <xs:schema> wrapper (ikea.com) is read, with a warning', async () => {
      const found = await extractFile(at('aggregate/ikea.com!example.de!1538690400!1538776800.xml'));
      expect(ours(found.aggregate[0]!.report)).toEqual(independentRecords(readFileSync(at('aggregate/ikea.com!example.de!1538690400!1538776800.xml'), 'utf8')));
      expect(found.warnings).toEqual([{ origin: expect.any(String), message: expect.stringContaining('unclosed tag: xs:schema') }]);
    });

    it('invalid UTF-8 in header_from: the report is read, that record is skipped with its line', async () => {
      const found = await extractFile(at('aggregate/invalid_utf_8.xml'));
      expect(found.aggregate[0]!.report.records).toEqual([]);
      expect(found.warnings[0]!.message).toBe('1 record skipped: line 20: header_from "bad_byte\ufffd" is not a domain name');
    });

    it.each([
      ['aggregate/invalid_xml.xml', /^malformed XML: 5:18: disallowed character in tag name/],
      ['empty.xml', /^empty file$/],
    ])('%s is refused: %s', async (file, reason) => {
      const found = await extractFile(at(file));
      expect(found.aggregate).toEqual([]);
      expect(found.refused).toHaveLength(1);
      expect(found.refused[0]!.reason).toMatch(reason);
    });
  });

  describe('real SMTP TLS reports (RFC 8460)', () => {
    it.each([
      ['smtp_tls/rfc8460.json', 'Company-X', 'company-y.example', 5326, 303, { 'certificate-expired': 100, 'starttls-not-supported': 200, 'validation-failure': 3 }],
      ['smtp_tls/smtp_tls.json', 'Example Inc.', 'example.com', 0, 3, { 'validation-failure': 3 }],
      ['smtp_tls/mail.ru.json', 'Mail.ru', 'example.com', 0, 1, { 'sts-policy-fetch-error': 2 }],
      ['smtp_tls/google.com_smtp_tls_report.eml', 'Google Inc.', 'cardinalhealth.ca', 48, 0, {}],
    ])('%s', async (file, org, domain, ok, failed, byType) => {
      const found = await extractFile(at(file));
      expect(found.refused).toEqual([]);
      expect(found.tls).toHaveLength(1);
      const { report } = found.tls[0]!;
      expect(report.orgName).toBe(org);
      expect(report.policies.map((p) => [p.policyDomain, p.successfulSessions, p.failedSessions])).toEqual([[domain, ok, failed]]);
      const types: Record<string, number> = {};
      for (const f of report.policies[0]!.failures) types[f.resultType] = (types[f.resultType] ?? 0) + f.sessions;
      expect(types).toEqual(byType);
    });
  });
}
