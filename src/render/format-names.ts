/**
 * Every command's output formats, in one place: the CLI's --format choices and the renderers' switches
 * read them from here (light to load: no renderer is imported).
 */
export const FORMATS = {
  audit: ['text', 'json', 'ndjson', 'csv', 'html', 'markdown'],
  gate: ['text', 'json', 'sarif', 'junit', 'markdown', 'html'],
  spf: ['text', 'json'],
  reports: ['text', 'json', 'csv', 'html'],
  diff: ['text', 'json', 'markdown'],
} as const;

export type FormatOf<Command extends keyof typeof FORMATS> = (typeof FORMATS)[Command][number];
