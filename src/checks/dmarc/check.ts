import { discoverDmarc } from '../../dmarc/discover.js';
import type { DmarcDiscovery } from '../../dmarc/types.js';
import type { Check } from '../types.js';
import { DMARC_CATALOG, DMARC_RULE_CATALOG } from './catalog.js';
import { DMARC_RULES } from './rules.js';
import { dmarcSection, dmarcSectionSchema, type DmarcSection } from './section.js';
import { dmarcText } from './text.js';

/** DMARC (RFC 9989): the record and policy that apply to the domain, found the way receivers find them. */
export const dmarcCheck = {
  id: 'dmarc',
  title: 'DMARC',
  needs: [],
  runsByDefault: true,
  dnsErrorRef: 'RFC 9989 §4.10.1',
  options: [],
  optionsFrom: () => ({}),
  async run({ domain, resolver }) {
    // The SPF check asks for the same TXT set, so with a caching resolver this costs no extra query.
    const [ownTxt, discovery] = await Promise.all([resolver.resolve(domain, 'TXT'), discoverDmarc(domain, resolver)]);
    if (ownTxt.status !== 'nxdomain') return discovery;
    return { ...discovery, findings: [{ code: 'DOMAIN_NOT_FOUND', args: { domain } }, ...discovery.findings] };
  },
  findings: (d) => d.findings,
  section: { schema: dmarcSectionSchema, of: dmarcSection },
  text: dmarcText,
  csv: [
    { name: 'dmarc_status', value: (d) => d.status },
    { name: 'dmarc_policy', value: (d) => d.policy },
    { name: 'dmarc_effective_policy', value: (d) => d.effectivePolicy, order: ['reject', 'quarantine', 'none', null] },
    { name: 'dmarc_source', value: (d) => d.source, untrusted: true },
    { name: 'dmarc_inherited', value: (d) => d.inherited },
    { name: 'dmarc_record', value: (d) => d.record, untrusted: true, late: true },
  ],
  summary: [
    { name: 'dmarcPolicy', key: (d) => d.effectivePolicy ?? 'absent', label: 'DMARC policy' },
    { name: 'dmarcStatus', key: (d) => d.status, title: 'DMARC record' },
  ],
  catalog: DMARC_CATALOG,
  ruleCatalog: DMARC_RULE_CATALOG,
  rules: DMARC_RULES,
} satisfies Check<'dmarc', Record<string, never>, DmarcDiscovery, DmarcSection>;
