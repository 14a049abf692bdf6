/** The gate's names that the CLI needs to define its options, apart from the schemas and renderers (which load zod). */
export const PROFILE_NAMES = ['enforce', 'strict', 'bod-18-01', 'bulk-sender', 'parked'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const GATE_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type GateFormat = (typeof GATE_FORMATS)[number];

export const DEFAULT_CONFIG_FILE = 'dmarc-audit.config.json';
