import type { SpfCode } from '../checks/spf/catalog.js';
import type { CoreCode } from '../findings/core-catalog.js';
import type { FindingData } from '../findings/types.js';

/** A finding of the SPF modules: an SPF code or a core one (DNS_ERROR). */
export type SpfFinding = FindingData<SpfCode | CoreCode>;

export type SpfStatus = 'valid' | 'missing' | 'invalid' | 'error';
/** The all mechanism with each qualifier (RFC 7208 §5.1). */
export const SPF_ALL_VALUES = ['-all', '~all', '?all', '+all'] as const;
export type SpfAll = (typeof SPF_ALL_VALUES)[number];

/** One term of an SPF record in the analysed tree, with the DNS work it caused. */
export interface SpfTermNode {
  /** The term as written, e.g. "include:_spf.example.net" or "-all". */
  term: string;
  /** DNS-querying terms count 1 against the limit of 10 (RFC 7208 §4.6.4), others 0. */
  lookups: number;
  /** Running total of counted lookups across the whole tree after this term and the record it led to. */
  cumulativeLookups: number;
  /** The lookup returned NXDOMAIN or NODATA (counts against the void limit of 2). */
  void: boolean;
  /** Set when the lookup failed (temperror) or the term could not be evaluated. */
  error?: string;
  /** Why the term was not followed, e.g. it holds macros that need a sending IP. */
  note?: string;
  /** The record an include or redirect led to. */
  child?: SpfNode;
}

export interface SpfNode {
  domain: string;
  /** The SPF record found at `domain`, or null. */
  record: string | null;
  terms: SpfTermNode[];
}

/** The result of analysing a domain's SPF policy without a sending IP. */
export interface SpfAnalysis {
  status: SpfStatus;
  record: string | null;
  /** DNS-querying terms across the whole include/redirect tree. */
  dnsLookups: number;
  voidLookups: number;
  /** The effective all of the top-level record (after following redirect), or null. */
  all: SpfAll | null;
  tree: SpfNode | null;
  findings: SpfFinding[];
  /**
   * A cap (queries per analysis, include depth) stopped the walk somewhere, so `dnsLookups` and
   * `voidLookups` are lower bounds. The terms concerned carry a `note`.
   */
  truncated: boolean;
}
