import { analyzeSpf } from '../../spf/analyze.js';
import type { SpfAnalysis } from '../../spf/types.js';
import type { Check } from '../types.js';
import { SPF_CATALOG, SPF_RULE_CATALOG } from './catalog.js';
import { SPF_RULES } from './rules.js';
import { spfSection, spfSectionSchema, type SpfSection } from './section.js';
import { spfText } from './text.js';

/** SPF (RFC 7208): the record, its include/redirect tree and DNS lookup counts, without a sending IP. */
export const spfCheck = {
  id: 'spf',
  title: 'SPF',
  needs: [],
  runsByDefault: true,
  dnsErrorRef: 'RFC 7208 §2.6.6',
  options: [],
  optionsFrom: () => ({}),
  run: ({ domain, resolver }) => analyzeSpf(domain, resolver),
  findings: (s) => s.findings,
  section: { schema: spfSectionSchema, of: spfSection },
  text: spfText,
  csv: [
    { name: 'spf_status', value: (s) => s.status },
    { name: 'spf_lookups', value: (s) => s.dnsLookups },
    { name: 'spf_void_lookups', value: (s) => s.voidLookups },
    { name: 'spf_all', value: (s) => s.all, order: ['-all', '~all', '?all', null, '+all'] },
    { name: 'spf_record', value: (s) => s.record, untrusted: true, late: true },
  ],
  summary: [
    { name: 'spfStatus', key: (s) => s.status, label: 'SPF' },
    { name: 'spfAll', key: (s) => s.all ?? 'none', title: 'SPF all' },
    { name: 'spfLookups', key: (s) => (s.record === null ? null : String(s.dnsLookups)), title: 'SPF DNS lookups', histogram: { limit: 10, ref: 'RFC 7208 §4.6.4' } },
  ],
  catalog: SPF_CATALOG,
  ruleCatalog: SPF_RULE_CATALOG,
  rules: SPF_RULES,
} satisfies Check<'spf', Record<string, never>, SpfAnalysis, SpfSection>;
