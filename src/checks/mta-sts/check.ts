import type { Check } from '../types.js';
import { analyzeMtaSts, type MtaStsResult } from './analyze.js';
import { MTA_STS_CATALOG, MTA_STS_RULE_CATALOG } from './catalog.js';
import { MTA_STS_RULES } from './rules.js';
import { mtaStsSection, mtaStsSectionSchema, type MtaStsSection } from './section.js';
import { mtaStsText } from './text.js';

/**
 * MTA-STS (RFC 8461): the _mta-sts record, the policy fetched over HTTPS as senders fetch it, and its
 * coverage of the MX hosts (the MX answer comes from the run's cache when the MX check ran). It
 * fetches over HTTPS, so it runs only when asked for (--checks).
 */
export const mtaStsCheck = {
  id: 'mtaSts',
  title: 'MTA-STS',
  needs: [],
  runsByDefault: false,
  dnsErrorRef: 'RFC 8461 §3.1',
  options: [],
  optionsFrom: () => ({}),
  run: ({ domain, resolver, https }) => analyzeMtaSts(domain, resolver, https),
  findings: (r) => r.findings,
  section: { schema: mtaStsSectionSchema, of: mtaStsSection },
  text: mtaStsText,
  csv: [
    { name: 'mta_sts_status', value: (s) => s.status },
    { name: 'mta_sts_mx_uncovered', value: (s) => (s.mxCovered ? s.mxCovered.filter((m) => !m.covered).length : null) },
  ],
  summary: [{ name: 'mtaStsStatus', key: (s) => s.status, label: 'MTA-STS' }],
  catalog: MTA_STS_CATALOG,
  ruleCatalog: MTA_STS_RULE_CATALOG,
  rules: MTA_STS_RULES,
} satisfies Check<'mtaSts', Record<string, never>, MtaStsResult, MtaStsSection>;
