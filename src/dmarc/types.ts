import type { FailureStatus } from '../dns/types.js';
import type { DmarcCode } from '../checks/dmarc/catalog.js';
import type { CoreCode } from '../findings/core-catalog.js';
import type { FindingData } from '../findings/types.js';

/** A finding of the DMARC modules: a DMARC code or a core one (DNS_ERROR, DOMAIN_NOT_FOUND). */
export type DmarcFinding = FindingData<DmarcCode | CoreCode>;

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type DmarcStatus = 'valid' | 'missing' | 'invalid' | 'error';

export interface DmarcUri {
  /** The URI as written (without any legacy "!size" suffix). */
  uri: string;
  scheme: string;
  /** For mailto: URIs, the domain part of the address (lower case, A-labels). */
  domain?: string;
  /** A legacy "!10m" size limit, kept to warn about. */
  sizeLimit?: string;
}

/** A DMARC policy record after parsing. Tags absent from the record are undefined. */
export interface DmarcRecord {
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  psd?: 'y' | 'n' | 'u';
  t?: 'y' | 'n';
  adkim?: 'r' | 's';
  aspf?: 'r' | 's';
  fo?: string;
  rua: DmarcUri[];
  ruf: DmarcUri[];
  /** Legacy RFC 7489 tags, recognised so they can be flagged. */
  pct?: number;
  rf?: string;
  ri?: number;
}

/** One step of the DNS tree walk. */
export interface TreeWalkStep {
  name: string;
  /** What the query gave: a DMARC record, none, several, or a DNS failure. */
  outcome: 'record' | 'none' | 'multiple' | 'error';
  record?: string;
  /** The domain the name belongs to (name without "_dmarc."). */
  domain: string;
  /** For outcome "multiple": how many DMARC records the name holds. */
  count?: number;
  /** For outcome "error": how the query failed. */
  status?: FailureStatus;
  detail?: string;
}

export interface DmarcDiscovery {
  status: DmarcStatus;
  /** The record whose policy applies to the domain, or null. */
  record: string | null;
  /** DNS name the record came from, e.g. "_dmarc.example.com". */
  source: string | null;
  /** True when the record was found at a parent, not at _dmarc.<domain>. */
  inherited: boolean;
  organizationalDomain: string | null;
  /** The record's p (a record without a valid p but with a valid rua counts as p=none). */
  policy: DmarcPolicy | null;
  /** Which tag decided the policy for this domain. */
  appliedTag: 'p' | 'sp' | 'np' | null;
  /** The policy receivers apply after sp/np, t=y and legacy pct=0. */
  effectivePolicy: DmarcPolicy | null;
  enforcing: boolean;
  /** The value of appliedTag, before t=y and legacy pct. */
  appliedPolicy: DmarcPolicy | null;
  /** Whether the domain exists (A, AAAA or MX); null when not looked up (record at the domain, or sp and np agree). */
  domainExists: boolean | null;
  parsed: DmarcRecord | null;
  walk: TreeWalkStep[];
  findings: DmarcFinding[];
}
