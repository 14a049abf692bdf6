/**
 * The analysis in words, as the JSON contract carries it and the text and CSV renderers read it: each
 * code worded from the one catalog beside the code itself. The reports' counterpart of reportOf()
 * (src/report/report.ts), called where the analysis is rendered.
 */
import type { CatalogCode } from '../findings/catalog.js';
import { describe } from '../findings/describe.js';
import type { Coded, CodedDomain, CodedReports, DomainAnalysis, ReportsOutput } from './output-schema.js';

/** The analysis only ever hands out catalog codes (typed where it makes them); the contract types them as strings. */
const words = (coded: Coded): ReturnType<typeof describe> => describe({ code: coded.code as CatalogCode, args: coded.args });

function wordDomain(d: CodedDomain): DomainAnalysis {
  return {
    ...d,
    policy: { ...d.policy, note: d.policy.noteCode && words(d.policy.noteCode).message },
    nextStep: { ...d.nextStep, why: words(d.nextStep.whyCode).message },
    blockers: d.blockers.map((b) => ({ ...b, fix: words(b.fixCode).fix })),
    sources: d.sources.map((s) => ({
      ...s,
      why: words(s.whyCode).message,
      live: s.live && { ...s.live, dkim: s.live.dkim.map((k) => ({ ...k, detail: words(k.detailCode).message })) },
    })),
  };
}

export function wordReports(analysis: CodedReports): ReportsOutput {
  return { ...analysis, domains: analysis.domains.map(wordDomain) };
}
