import { escapeForTerminal } from './escape.js';

/**
 * Text safe in a Markdown table cell (GitHub, GitLab, wikis): invisible controls made visible, then
 * HTML and Markdown syntax escaped, so DNS data can neither break the table nor inject links or markup.
 * The one escaper of every Markdown output (audit, report, diff, gate).
 */
export function markdownCell(text: string): string {
  return escapeForTerminal(text)
    .replace(/[\\`*_[\]()#+!|~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A finding code or rule name as inline code; anything not of the catalog's form is escaped as text instead. */
export function markdownCode(code: string): string {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(code) ? `\`${code}\`` : markdownCell(code);
}
