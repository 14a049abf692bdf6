import type { ProfileName } from './config-schema.js';
import { PROFILE_NAMES } from './config-schema.js';

/** The commented config `dmarc-audit init` writes: every section present, examples commented out. */
export function starterConfig(domains: readonly string[], profile: ProfileName): string {
  const listed = (domains.length > 0 ? domains : ['example.com']).map((d) => JSON.stringify(d)).join(', ');
  return `// dmarc-audit gate configuration: \`dmarc-audit gate\` checks these domains against this policy.
// Every key is described in the README ("CI gate"). For completion in editors:
//   dmarc-audit schema --config > dmarc-audit.schema.json   and add  "$schema": "./dmarc-audit.schema.json"
{
  // The domains to check. Or, instead or as well: "domainList": "domains.txt"
  // (one domain per line, # comments, CSV first column; relative to this file).
  "domains": [${listed}],

  // The built-in rule set: ${PROFILE_NAMES.join(' | ')}
  "profile": ${JSON.stringify(profile)},

  // Rules over the profile; null switches a rule off. For example:
  "rules": {
    // "minPolicy": "reject",
    // "requiredRua": ["mailto:dmarc-reports@example.com"],
    // "maxSpfLookups": 8
  },

  // A profile and rules for single domains, e.g. one that sends no mail:
  "overrides": {
    // "example.net": { "profile": "parked" }
  },

  // Accepted problems by finding code or rule name, each with a reason and an optional
  // last day (YYYY-MM-DD, UTC) after which it fails the gate again:
  "ignore": [
    // { "code": "DMARC_NO_RUA", "reason": "report mailbox being set up", "expires": "2026-12-31", "domains": ["example.com"] }
  ]
}
`;
}
