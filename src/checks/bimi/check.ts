import { z } from 'zod';
import type { DmarcDiscovery } from '../../dmarc/types.js';
import type { Check } from '../types.js';
import { analyzeBimi, type BimiOptions, type BimiResult } from './analyze.js';
import { BIMI_CATALOG, BIMI_RULE_CATALOG } from './catalog.js';
import { BIMI_RULES } from './rules.js';
import { bimiSection, bimiSectionSchema, type BimiSection } from './section.js';
import { bimiText } from './text.js';

const SELECTOR = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/i;

function parseSelector(value: string): string {
  if (!SELECTOR.test(value)) throw new Error(`--bimi-selector "${value}" is not a DNS label`);
  return value.toLowerCase();
}

/**
 * BIMI: the assertion record and the DMARC prerequisites (it reads the DMARC check's discovery), and with
 * --bimi-fetch the logo and certificate over HTTPS. A brand feature rather than protection, and one
 * more query per domain, so it runs only when asked for (--checks).
 */
export const bimiCheck = {
  id: 'bimi',
  title: 'BIMI',
  needs: ['dmarc'],
  runsByDefault: false,
  dnsErrorRef: `draft-brand-indicators-for-message-identification, "Assertion Record Discovery"`,
  options: [
    {
      key: 'bimiSelector',
      flags: '--bimi-selector <name>',
      description: 'the BIMI selector to look up instead of "default"',
      parse: parseSelector,
      config: z.string().regex(SELECTOR),
    },
    {
      key: 'bimiFetch',
      flags: '--bimi-fetch',
      description: 'fetch the BIMI logo and certificate over HTTPS and check them (the gate always does)',
      config: z.boolean(),
      gateDefault: true,
    },
  ],
  optionsFrom: (values) => ({ selector: typeof values.bimiSelector === 'string' ? values.bimiSelector.toLowerCase() : 'default', fetch: values.bimiFetch === true }),
  async run({ domain, resolver, https, options, need }) {
    return analyzeBimi(domain, resolver, https, await need('dmarc'), options);
  },
  findings: (r) => r.findings,
  section: { schema: bimiSectionSchema, of: bimiSection },
  text: bimiText,
  csv: [
    { name: 'bimi_status', value: (s) => s.status },
    { name: 'bimi_logo_status', value: (s) => s.logoStatus },
    { name: 'bimi_certificate_status', value: (s) => s.certificateStatus },
  ],
  summary: [{ name: 'bimiStatus', key: (s) => s.status, label: 'BIMI' }],
  catalog: BIMI_CATALOG,
  ruleCatalog: BIMI_RULE_CATALOG,
  rules: BIMI_RULES,
} satisfies Check<'bimi', BimiOptions, BimiResult, BimiSection, { dmarc: DmarcDiscovery | undefined }>;
