import { normalizeDomain } from '../domain/normalize.js';
import { parseNameserver, type Nameserver } from '../dns/nameservers.js';
import { UsageError } from './errors.js';

export function parseIntegerOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

export function collectNameserver(value: string, previous: Nameserver[]): Nameserver[] {
  try {
    return [...previous, parseNameserver(value)];
  } catch (error) {
    throw new UsageError(`--nameserver ${(error as Error).message}`);
  }
}

/** Domains named on the command line must all be valid: a typo there is a usage error, not a finding. */
export function validateDomainArguments(domains: string[]): void {
  for (const input of domains) {
    const result = normalizeDomain(input);
    if (!result.ok) throw new UsageError(`invalid domain "${input}": ${result.error}`);
  }
}
