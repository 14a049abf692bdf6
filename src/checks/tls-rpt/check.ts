import type { DaneResult } from '../dane/analyze.js';
import type { MtaStsResult } from '../mta-sts/analyze.js';
import type { Check } from '../types.js';
import { analyzeTlsRpt, type TlsRptResult } from './analyze.js';
import { TLS_RPT_CATALOG, TLS_RPT_RULE_CATALOG } from './catalog.js';
import { TLS_RPT_RULES } from './rules.js';
import { tlsRptSection, tlsRptSectionSchema, type TlsRptSection } from './section.js';
import { tlsRptText } from './text.js';

const MTA_STS_DEPLOYED = new Set(['enforce', 'testing']);

/**
 * TLS-RPT (RFC 8460): the _smtp._tls record. It reads the MTA-STS and DANE results, when those ran, to
 * warn when TLS is enforced but failures are never reported. One more query per domain, so it runs
 * only when asked for (--checks).
 */
export const tlsRptCheck = {
  id: 'tlsRpt',
  title: 'TLS-RPT',
  needs: ['mtaSts', 'dane'],
  runsByDefault: false,
  dnsErrorRef: 'RFC 8460 §3',
  options: [],
  optionsFrom: () => ({}),
  async run({ domain, resolver, need }) {
    const [mtaSts, dane] = await Promise.all([need('mtaSts'), need('dane')]);
    const deployed = [MTA_STS_DEPLOYED.has(mtaSts?.status ?? '') ? 'MTA-STS' : '', dane?.hosts.some((h) => h.status === 'valid') ? 'DANE' : ''].filter(Boolean).join(' and ');
    return analyzeTlsRpt(domain, resolver, deployed);
  },
  findings: (r) => r.findings,
  section: { schema: tlsRptSectionSchema, of: tlsRptSection },
  text: tlsRptText,
  csv: [{ name: 'tls_rpt_status', value: (s) => s.status }],
  summary: [{ name: 'tlsRptStatus', key: (s) => s.status, label: 'TLS-RPT' }],
  catalog: TLS_RPT_CATALOG,
  ruleCatalog: TLS_RPT_RULE_CATALOG,
  rules: TLS_RPT_RULES,
} satisfies Check<'tlsRpt', Record<string, never>, TlsRptResult, TlsRptSection, { mtaSts: MtaStsResult | undefined; dane: DaneResult | undefined }>;
