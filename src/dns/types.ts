/** The record types the auditor asks for. */
export type RecordType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR' | 'CNAME' | 'TLSA';

export interface MxData {
  preference: number;
  exchange: string;
}

/** A TLSA record (RFC 6698 §2.1): what a TLS server's certificate must match; DANE for SMTP reads it (RFC 7672). */
export interface TlsaData {
  usage: number;
  selector: number;
  matchingType: number;
  /** The certificate association data, lower-case hex. */
  certificate: string;
}

/** What one record of each type carries once decoded. */
export interface RecordDataByType {
  /** The character-strings of one TXT record joined with no separator (RFC 7208 §3.3, RFC 9989 §4.6). */
  TXT: string;
  A: string;
  AAAA: string;
  MX: MxData;
  PTR: string;
  CNAME: string;
  TLSA: TlsaData;
}

/**
 * Lookups that failed: we do not know whether the record exists. Never treat these as "no record".
 * `unrecorded`: a replay (--dns-replay) was asked a question its recording does not hold.
 */
export const FAILURE_STATUSES = ['servfail', 'refused', 'timeout', 'malformed', 'error', 'unrecorded'] as const;
export type FailureStatus = (typeof FAILURE_STATUSES)[number];

/** What a result says besides its data; absent on most results. */
export interface LookupMarks {
  /** The reply had the AD bit (RFC 4035 §3.2.3): the resolver validated it with DNSSEC. */
  authenticated?: boolean;
  /** A zone overlay (--zone) answered, or took part through a CNAME: its file. */
  zone?: string;
}

export type LookupResult<T extends RecordType = RecordType> = LookupMarks &
  (
    | {
        status: 'answer';
        records: RecordDataByType[T][];
        /** The name the data was found at after following CNAMEs (lower case, no trailing dot). */
        canonicalName: string;
      }
    /** The name does not exist. */
    | { status: 'nxdomain' }
    /** The name exists but has no record of this type. */
    | { status: 'nodata' }
    | { status: FailureStatus; detail: string }
  );

export type FailedLookup = LookupMarks & { status: FailureStatus; detail: string };

/**
 * The one DNS capability the audit engine needs. Implemented by the UDP/TCP client,
 * the caching decorator and the in-memory resolver used in tests.
 */
export interface Resolver {
  resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>>;
  /**
   * The lookup of `name` and `type` if this resolver holds one that has already finished (a cache
   * does), as `resolve` would return it; undefined otherwise. Never asks anything. Wrappers that
   * would wait on a lookup with a deadline skip that work for answers already in hand.
   */
  finishedLookup?<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> | undefined;
  /** Drops what this resolver holds for `name` and `type`, if it holds anything (a cache does): see src/engine/own-names.ts. */
  forget?(name: string, type: RecordType): void;
}

export function isFailure(result: LookupResult): result is FailedLookup {
  return 'detail' in result;
}

/**
 * The name without its final dot, if it has one: `example.com.` and `example.com` are the same name.
 * (Asked several times for every lookup: a character code, where endsWith was a call into the runtime.)
 */
export function withoutTrailingDot(name: string): string {
  return name.charCodeAt(name.length - 1) === 0x2e ? name.slice(0, -1) : name;
}

/**
 * RFC 7208 §7.1 (and RFC 3696 §2): a top-level label is alphanumeric with at least one letter, or
 * alphanumerics around inner hyphens: "com" and "xn--p1ai", never all digits.
 */
const TOP_LABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;
export const isTopLabel = (label: string): boolean => TOP_LABEL.test(label);

/** A name as it is queried and compared: DNS names differ neither by case (ASCII) nor by a trailing dot. */
export function canonicalName(name: string): string {
  return withoutTrailingDot(name.toLowerCase());
}

/** NXDOMAIN and NODATA are the only answers that mean "there is no such record". */
export function isEmpty(result: LookupResult): boolean {
  return result.status === 'nxdomain' || result.status === 'nodata';
}
