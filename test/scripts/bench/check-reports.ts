/**
 * Every report of a bench run against what the zone says (population.ts). A section whose check did not
 * run (--checks) is null in the report and not compared.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Expected } from './population.js';

interface Report {
  domain: string;
  verdict: string;
  dmarc: { effectivePolicy: string | null; source: string | null };
  spf: { status: string; dnsLookups: number } | null;
  dkim: { status: string; selectors: { selector: string; status: string; keyType: string | null; keyBits: number | null }[] } | null;
  mx: { status: string; hosts: { preference: number; exchange: string }[] } | null;
  findings: { code: string }[];
}

/** The expected fields the report's sections can be compared on. */
function observed(report: Report): Partial<Expected> {
  const got: Partial<Expected> = {
    verdict: report.verdict as Expected['verdict'],
    effectivePolicy: report.dmarc.effectivePolicy as Expected['effectivePolicy'],
    // Where the applied policy came from (the tree walk's answer); without a policy there is none.
    dmarcSource: report.dmarc.effectivePolicy === null ? null : report.dmarc.source,
  };
  if (report.spf) Object.assign(got, { spfStatus: report.spf.status, dnsLookups: report.spf.dnsLookups });
  if (report.dkim) {
    const keys = report.dkim.selectors.map((s) => (s.status === 'valid' ? `${s.selector}:valid:${s.keyType}:${s.keyBits}` : `${s.selector}:${s.status}`));
    Object.assign(got, { dkimStatus: report.dkim.status, dkimKeys: keys });
  }
  if (report.mx) Object.assign(got, { mxStatus: report.mx.status, mxHosts: report.mx.hosts.map((h) => `${h.preference} ${h.exchange}`) });
  return got;
}

/**
 * `silent`: domains whose servers never answer (the lossy network): their reports must be verdict error
 * with DNS_ERROR. Any other report with DNS_ERROR lost a lookup on every try: counted apart
 * (`unanswered`), not compared, never taken as right or wrong.
 */
export async function checkReports(
  file: string,
  expected: Map<string, Expected>,
  silent: ReadonlySet<string> = new Set(),
): Promise<{ checked: number; wrong: number; silentErrors: number; unanswered: number; mismatches: string[] }> {
  let checked = 0;
  let wrong = 0;
  let silentErrors = 0;
  let unanswered = 0;
  const mismatches: string[] = [];
  const miss = (text: string): void => {
    wrong++;
    if (mismatches.length < 5) mismatches.push(text);
  };
  for await (const line of createInterface({ input: createReadStream(file) })) {
    const report = JSON.parse(line) as Report;
    checked++;
    const dnsError = report.findings.some((f) => f.code === 'DNS_ERROR');
    if (silent.has(report.domain)) {
      if (report.verdict === 'error' && dnsError) silentErrors++;
      else miss(`${report.domain} never answers: want verdict error, got ${report.verdict}`);
      continue;
    }
    if (dnsError) {
      unanswered++;
      continue;
    }
    const got = observed(report);
    const all = expected.get(report.domain);
    const want = all && Object.fromEntries(Object.keys(got).map((k) => [k, all[k as keyof Expected]]));
    if (JSON.stringify(got) !== JSON.stringify(want)) miss(`${report.domain}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  return { checked, wrong, silentErrors, unanswered, mismatches };
}
