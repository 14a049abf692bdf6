import type { CheckId } from '../checks/registry.js';
import type { ProfileName, Rules } from './config-schema.js';

export interface Profile {
  summary: string;
  /** Where the requirements come from, for the README and `--help`. */
  source: string;
  rules: Rules;
  /** Checks run for their advice only (their findings are reported, no rule reads them); the rules' own checks always run. */
  advises?: readonly CheckId[];
}

const SPF_WITHIN_LIMITS = { requireSpf: true, maxSpfLookups: 10 } satisfies Rules;

/** The built-in profiles. A config's rules refine one of these; they never change under a user. */
export const PROFILES: Record<ProfileName, Profile> = {
  enforce: {
    summary: 'DMARC enforcing (quarantine or reject), no testing mode or partial pct, SPF ending in ~all or -all within the lookup limits, no error finding.',
    source: 'RFC 9989 §4.7 (p, t) and RFC 7489 §6.3 (pct); RFC 7208 §4.6.4 (10 lookups) and §5.1 (all).',
    rules: {
      minPolicy: 'quarantine',
      forbidTestingMode: true,
      forbidPartialPct: true,
      ...SPF_WITHIN_LIMITS,
      allowedSpfAll: ['-all', '~all'],
      noErrorFindings: true,
    },
  },
  strict: {
    summary: 'reject everywhere: p, sp and np reject, aggregate reports, SPF ending in -all within the limits, no error finding.',
    source: 'RFC 9989 §4.7 (p, sp, np, t, rua) and §11.5 (non-existent subdomains); RFC 7208 §4.6.4 and §5.1.',
    rules: {
      minPolicy: 'reject',
      minSubdomainPolicy: 'reject',
      minNonexistentPolicy: 'reject',
      forbidTestingMode: true,
      forbidPartialPct: true,
      requireRua: true,
      ...SPF_WITHIN_LIMITS,
      allowedSpfAll: ['-all'],
      noErrorFindings: true,
    },
  },
  'bod-18-01': {
    summary: 'US federal BOD 18-01: p=reject, no weaker sp, pct 100, rua including reports@dmarc.cyber.dhs.gov, a valid SPF record.',
    source: 'CISA Binding Operational Directive 18-01 "Enhance Email and Web Security" (2017), https://www.cisa.gov/news-events/directives/bod-18-01-enhance-email-and-web-security',
    rules: {
      minPolicy: 'reject',
      minSubdomainPolicy: 'reject',
      forbidPartialPct: true,
      requiredRua: ['mailto:reports@dmarc.cyber.dhs.gov'],
      requireSpf: true,
    },
  },
  'bulk-sender': {
    summary: 'the DNS part of the Gmail, Yahoo and Outlook.com bulk-sender requirements: valid SPF, a DKIM key, DMARC of at least p=none with aggregate reports.',
    source:
      'Google "Email sender guidelines" (https://support.google.com/a/answer/81126) and Yahoo "Sender Best Practices" (https://senders.yahooinc.com/best-practices/), in force since February 2024; Microsoft "Strengthening Email Ecosystem: Outlook\'s New Requirements for High-Volume Senders" (https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-high%E2%80%90volume-senders/4399730), in force since May 2025.',
    rules: {
      minPolicy: 'none',
      requireRua: true,
      requireSpf: true,
      requireDkim: true,
    },
  },
  parked: {
    summary: 'a domain that sends and receives no mail: p, sp and np reject, SPF "v=spf1 -all" and a null MX.',
    source: 'M3AAWG "Protecting Parked Domains Best Common Practices" (2015) and UK NCSC "Protecting parked domains"; RFC 9989 §4.7 (np); RFC 7505 (null MX).',
    rules: {
      minPolicy: 'reject',
      minSubdomainPolicy: 'reject',
      minNonexistentPolicy: 'reject',
      requireSpf: true,
      spfNoSenders: true,
      requireNullMx: true,
    },
  },
  'internet-nl': {
    summary:
      'the DNS-visible part of the Internet.nl mail test: DMARC enforcing (quarantine or reject), SPF ending in -all or ~all, a DKIM key, DNSSEC-validated answers for the domain and its MX hosts, DANE on every MX host; MTA-STS and TLS-RPT run as recommendations (reported, never failing the gate).',
    source:
      'Internet.nl "Test your email" (https://internet.nl/test-mail/) of the Dutch Internet Standards Platform: its DMARC, SPF, DKIM, DNSSEC and DANE tests; RFC 9989, RFC 7208, RFC 6376, RFC 4035, RFC 7672; MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) as recommendations. Not covered: its STARTTLS, IPv6 and RPKI tests, which need connections to the mail servers.',
    rules: {
      minPolicy: 'quarantine',
      requireSpf: true,
      allowedSpfAll: ['-all', '~all'],
      requireDkim: true,
      requireDnssec: true,
      requireDane: true,
    },
    advises: ['mtaSts', 'tlsRpt'],
  },
};
