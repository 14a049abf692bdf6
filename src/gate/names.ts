import { FORMATS, type FormatOf } from '../render/format-names.js';

/** The gate's names that the CLI needs to define its options, apart from the schemas and renderers (which load zod). */
export const PROFILE_NAMES = ['enforce', 'strict', 'bod-18-01', 'bulk-sender', 'parked', 'internet-nl'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const GATE_FORMATS = FORMATS.gate;
export type GateFormat = FormatOf<'gate'>;

export const DEFAULT_CONFIG_FILE = 'dmarc-audit.config.json';
