import { z } from 'zod';
import type { Check } from '../types.js';
import { DKIM_CATALOG, DKIM_RULE_CATALOG } from './catalog.js';
import { probeDkim, type DkimResult } from './probe.js';
import { DKIM_RULES } from './rules.js';
import { dkimSection, dkimSectionSchema, type DkimSection } from './section.js';
import { isSelector, parseSelector, SELECTOR_LIST_NAMES, selectorsToProbe, type SelectorListName, type SelectorPlan } from './selectors.js';
import { dkimText, keySummary } from './text.js';

export interface DkimOptions extends SelectorPlan {
  probeAlways: boolean;
}

const parseList = (value: string): SelectorListName => {
  if (!(SELECTOR_LIST_NAMES as string[]).includes(value)) throw new Error(`--dkim-selectors "${value}": expected ${SELECTOR_LIST_NAMES.join(', ')}`);
  return value as SelectorListName;
};

/**
 * DKIM (RFC 6376, RFC 8301, RFC 8463): keys found by probing selectors, each decoded for its type and
 * strength. Keys cannot be listed, so "not found" is never proof of absence.
 */
export const dkimCheck = {
  id: 'dkim',
  title: 'DKIM',
  needs: [],
  runsByDefault: true,
  dnsErrorRef: 'RFC 6376 §6.1.2',
  options: [
    {
      key: 'dkimSelectors',
      flags: '--dkim-selector <name>',
      description: 'a DKIM selector to probe, repeatable; alone it replaces the built-in list (add --dkim-selectors default to keep it)',
      repeatable: true,
      parse: parseSelector,
      config: z.array(z.string().refine(isSelector, 'expected a DKIM selector: labels of letters, digits, "-" and "_", separated by "."')).min(1),
    },
    {
      key: 'dkimSelectorList',
      flags: '--dkim-selectors <list>',
      description: `the built-in selector list to probe: ${SELECTOR_LIST_NAMES.join(', ')} (default: default, or none when --dkim-selector names some)`,
      parse: parseList,
      config: z.enum(SELECTOR_LIST_NAMES as [SelectorListName, ...SelectorListName[]]),
    },
    {
      key: 'dkimProbeAlways',
      flags: '--dkim-probe-always',
      description: 'probe the selectors even when _domainkey.<domain> does not exist (for servers that wrongly answer NXDOMAIN for it)',
      config: z.boolean(),
    },
  ],
  optionsFrom: (values) => ({
    ...selectorsToProbe(((values.dkimSelectors as string[] | undefined) ?? []).map(parseSelector), values.dkimSelectorList as SelectorListName | undefined),
    probeAlways: values.dkimProbeAlways === true,
  }),
  run: ({ domain, resolver, options }) => probeDkim(domain, resolver, options.selectors, options.probeAlways, options.after),
  findings: (d) => d.findings,
  section: { schema: dkimSectionSchema, of: dkimSection },
  text: dkimText,
  csv: [
    { name: 'dkim_status', value: (d) => d.status },
    { name: 'dkim_selectors', value: (d) => d.selectors.map(keySummary).join(' '), untrusted: true },
  ],
  summary: [{ name: 'dkimStatus', key: (d) => d.status, label: 'DKIM' }],
  catalog: DKIM_CATALOG,
  ruleCatalog: DKIM_RULE_CATALOG,
  rules: DKIM_RULES,
} satisfies Check<'dkim', DkimOptions, DkimResult, DkimSection>;
