/** The parsed form of one SPF record (RFC 7208 §4.6.1, §12), as `parseSpfRecord` returns it. */
import type { DomainSpec } from './domain-spec.js';
import type { MacroToken } from './macro.js';

export type Qualifier = '+' | '-' | '~' | '?';

interface TermBase {
  /** The term as written. */
  raw: string;
}

export interface AllMechanism extends TermBase {
  kind: 'all';
  qualifier: Qualifier;
}

export interface TargetMechanism extends TermBase {
  kind: 'include' | 'exists';
  qualifier: Qualifier;
  domain: DomainSpec;
}

export interface HostMechanism extends TermBase {
  kind: 'a' | 'mx';
  qualifier: Qualifier;
  /** Null means the current domain (§5.3, §5.4). */
  domain: DomainSpec | null;
  /** Prefix lengths the host's addresses are widened to; 32 and 128 when not written (§5.6). */
  cidr4: number;
  cidr6: number;
}

export interface PtrMechanism extends TermBase {
  kind: 'ptr';
  qualifier: Qualifier;
  domain: DomainSpec | null;
}

export interface IpMechanism extends TermBase {
  kind: 'ip4' | 'ip6';
  qualifier: Qualifier;
  /** The address as written. */
  ip: string;
  /** The address as bytes: 4 for ip4, 16 for ip6. */
  address: number[];
  /** 32 or 128 when not written (§5.6). */
  cidr: number;
}

export type SpfMechanism = AllMechanism | TargetMechanism | HostMechanism | PtrMechanism | IpMechanism;

export interface RedirectModifier extends TermBase {
  kind: 'redirect';
  domain: DomainSpec;
}

export interface ExpModifier extends TermBase {
  kind: 'exp';
  domain: DomainSpec;
}

/** Modifiers this implementation does not know are kept but have no effect (§6). */
export interface UnknownModifier extends TermBase {
  kind: 'modifier';
  name: string;
  value: MacroToken[];
}

export type SpfModifier = RedirectModifier | ExpModifier | UnknownModifier;

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfParseError {
  /** The offending term as written (or the whole record when the version is wrong). */
  term: string;
  /** A sentence naming the term and what is wrong with it. */
  detail: string;
}

/** Read-only: parses of the same record text may be shared (see parseSpfRecordOnce). */
export interface SpfParseResult {
  /** The well-formed terms in record order; malformed ones are only in `errors`. */
  readonly terms: readonly SpfTerm[];
  readonly redirect: RedirectModifier | null;
  readonly exp: ExpModifier | null;
  /** Empty when the record is valid; any error makes evaluation a permerror (§4.6). */
  readonly errors: readonly SpfParseError[];
}
