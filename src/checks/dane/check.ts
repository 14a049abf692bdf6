import type { Check } from '../types.js';
import { analyzeDane, type DaneResult } from './analyze.js';
import { DANE_CATALOG, DANE_RULE_CATALOG } from './catalog.js';
import { DANE_RULES } from './rules.js';
import { daneSection, daneSectionSchema, type DaneSection } from './section.js';
import { daneText } from './text.js';

/**
 * DANE for SMTP (RFC 7672): the _25._tcp TLSA records of each MX host and whether the resolver
 * validated them (AD). The MX answer comes from the run's cache when the MX check ran. One query per
 * MX host, so it runs only when asked for (--checks); it means something only through a validating
 * resolver (see the DNSSEC check).
 */
export const daneCheck = {
  id: 'dane',
  title: 'DANE',
  needs: [],
  runsByDefault: false,
  dnsErrorRef: 'RFC 7672 §2.1.1',
  options: [],
  optionsFrom: () => ({}),
  run: ({ domain, resolver }) => analyzeDane(domain, resolver),
  findings: (r) => r.findings,
  section: { schema: daneSectionSchema, of: daneSection },
  text: daneText,
  csv: [{ name: 'dane_status', value: (s) => s.status }],
  summary: [{ name: 'daneStatus', key: (s) => s.status, label: 'DANE' }],
  catalog: DANE_CATALOG,
  ruleCatalog: DANE_RULE_CATALOG,
  rules: DANE_RULES,
} satisfies Check<'dane', Record<string, never>, DaneResult, DaneSection>;
