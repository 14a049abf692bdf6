import type { FindingArgs } from './types.js';

/** A finding argument as text for a message; absent arguments read as nothing. */
export const arg = (value: FindingArgs[string] | undefined): string => (value === undefined ? '' : String(value));
