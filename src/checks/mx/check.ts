import { z } from 'zod';
import type { DmarcDiscovery } from '../../dmarc/types.js';
import type { SpfAnalysis } from '../../spf/types.js';
import type { Check } from '../types.js';
import { analyzeMx, type MxResult } from './analyze.js';
import { MX_CATALOG, MX_RULE_CATALOG } from './catalog.js';
import { noMailFindings } from './no-mail.js';
import { MX_RULES } from './rules.js';
import { mxSection, mxSectionSchema, type MxSection } from './section.js';
import { mxText } from './text.js';

export interface MxOptions {
  /** Look up each MX host's A/AAAA (costs queries, so off in batch runs unless asked). */
  targets: boolean;
}

/**
 * MX (RFC 5321 §5.1, RFC 7505): where the domain receives mail, or that it receives none; and, with the
 * DMARC and SPF results, whether a domain that sends no mail is protected like one.
 */
export const mxCheck = {
  id: 'mx',
  title: 'MX',
  needs: ['dmarc', 'spf'],
  runsByDefault: true,
  dnsErrorRef: 'RFC 5321 §5.1',
  options: [
    {
      key: 'mxTargets',
      flags: '--mx-targets',
      description: 'look up the A/AAAA of each MX host (more queries; the gate always does)',
      config: z.boolean(),
      gateDefault: true,
    },
  ],
  optionsFrom: (values) => ({ targets: values.mxTargets === true }),
  async run({ domain, resolver, options, need }) {
    const [mx, dmarc, spf] = await Promise.all([analyzeMx(domain, resolver, options.targets), need('dmarc'), need('spf')]);
    const advice = noMailFindings(domain, mx, dmarc, spf);
    return advice.length === 0 ? mx : { ...mx, findings: [...mx.findings, ...advice] };
  },
  findings: (mx) => mx.findings,
  section: { schema: mxSectionSchema, of: mxSection },
  text: mxText,
  csv: [{ name: 'mx_status', value: (mx) => mx.status }],
  summary: [{ name: 'mxStatus', key: (mx) => mx.status, label: 'MX' }],
  catalog: MX_CATALOG,
  ruleCatalog: MX_RULE_CATALOG,
  rules: MX_RULES,
} satisfies Check<'mx', MxOptions, MxResult, MxSection, { dmarc: DmarcDiscovery | undefined; spf: SpfAnalysis | undefined }>;
