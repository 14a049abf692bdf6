import type { DmarcDiscovery } from '../../dmarc/types.js';
import type { SpfAnalysis } from '../../spf/types.js';
import type { DaneResult } from '../dane/analyze.js';
import type { MtaStsResult } from '../mta-sts/analyze.js';
import type { MxResult } from '../mx/analyze.js';
import type { TlsRptResult } from '../tls-rpt/analyze.js';
import type { Check } from '../types.js';
import { analyzeDnssec, type DnssecResult } from './analyze.js';
import { DNSSEC_CATALOG, DNSSEC_RULE_CATALOG } from './catalog.js';
import { DNSSEC_RULES } from './rules.js';
import { dnssecSection, dnssecSectionSchema, type DnssecSection } from './section.js';
import { dnssecText } from './text.js';

type Needs = { dmarc: DmarcDiscovery | undefined; spf: SpfAnalysis | undefined; mx: MxResult | undefined; mtaSts: MtaStsResult | undefined; tlsRpt: TlsRptResult | undefined; dane: DaneResult | undefined };

/**
 * DNSSEC (RFC 4033–4035, RFC 6840 §5.7): whether the resolver validated the answers of the checks that
 * ran, asked again through the run's cache. It costs almost nothing, but it means something only
 * through a validating resolver, so it runs only when asked for (--checks).
 */
export const dnssecCheck = {
  id: 'dnssec',
  title: 'DNSSEC',
  needs: ['dmarc', 'spf', 'mx', 'mtaSts', 'tlsRpt', 'dane'],
  runsByDefault: false,
  dnsErrorRef: 'RFC 4035 §3.2.3',
  options: [],
  optionsFrom: () => ({}),
  async run({ domain, resolver, need }) {
    const [dmarc, spf, mx, mtaSts, tlsRpt, dane] = await Promise.all([need('dmarc'), need('spf'), need('mx'), need('mtaSts'), need('tlsRpt'), need('dane')]);
    return analyzeDnssec(domain, resolver, { dmarc, spf, mx, mtaSts, tlsRpt, dane });
  },
  findings: (r) => r.findings,
  section: { schema: dnssecSectionSchema, of: dnssecSection },
  text: dnssecText,
  csv: [{ name: 'dnssec_status', value: (s) => s.status }],
  summary: [{ name: 'dnssecStatus', key: (s) => s.status, label: 'DNSSEC' }],
  catalog: DNSSEC_CATALOG,
  ruleCatalog: DNSSEC_RULE_CATALOG,
  rules: DNSSEC_RULES,
} satisfies Check<'dnssec', Record<string, never>, DnssecResult, DnssecSection, Needs>;
