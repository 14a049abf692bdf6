import { readFileSync } from 'node:fs';
import type { ReportData } from '../../src/report/report.js';

/** The golden reports (test/render/golden/reports.ndjson) as objects. */
export const GOLDEN_REPORTS: ReportData[] = readFileSync(new URL('../render/golden/reports.ndjson', import.meta.url), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line) as ReportData);

/** A report as a test edits it: any field, at any depth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Editable = Record<string, any>;

/**
 * A later run of the golden reports: acme-bank.test dropped to p=none, acme-shop.test moved to
 * p=reject, acme-travel.test's SPF needs more lookups, acme-news.test is gone, new.example is new;
 * the lines in another order.
 */
export function laterRun(): ReportData[] {
  const reports = structuredClone(GOLDEN_REPORTS) as Editable[];
  const byName = (domain: string): Editable => reports.find((r) => r.domain === domain)!;
  const bank = byName('acme-bank.test');
  Object.assign(bank, { verdict: 'monitoring', grade: 'C' });
  Object.assign(bank.dmarc, { policy: 'none', effectivePolicy: 'none', enforcing: false, record: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@acme-bank.test' });
  bank.findings = [{ code: 'DMARC_POLICY_NONE', severity: 'warning', message: 'The effective DMARC policy is none (p=none).', fix: 'Move to p=quarantine.', ref: 'RFC 9989 §4.7' }];
  const shop = byName('acme-shop.test');
  Object.assign(shop, { verdict: 'enforcing', grade: 'B' });
  Object.assign(shop.dmarc, { policy: 'reject', effectivePolicy: 'reject', enforcing: true, record: 'v=DMARC1; p=reject; rua=mailto:acme-shop@reports.dmarc-processor.test' });
  shop.findings = [];
  byName('acme-travel.test').spf.dnsLookups = 7;
  const later = reports.filter((r) => r.domain !== 'acme-news.test');
  later.push({ ...structuredClone(byName('acme-bank.test')), domain: 'new.example' });
  return later.reverse() as ReportData[];
}
