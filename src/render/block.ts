import { escapeForTerminal } from './escape.js';
import { wrapText } from './wrap.js';

/** Text output is at most this many columns wide. */
export const TEXT_WIDTH = 80;

/** Untrusted text, escaped for the terminal, wrapped and indented so it stays within TEXT_WIDTH columns. */
export function block(text: string, indent: number, color: (s: string) => string = (s) => s): string[] {
  const pad = ' '.repeat(indent);
  return wrapText(escapeForTerminal(text), TEXT_WIDTH - indent).map((line) => pad + color(line));
}

/**
 * A check's first line: its name in bold, padded to a column, then facts (untrusted: escaped) wrapped
 * under themselves, so the line stays within TEXT_WIDTH whatever a record name holds.
 */
export function heading(title: string, facts: string, bold: (s: string) => string): string[] {
  const column = 7;
  const pad = ' '.repeat(column);
  return wrapText(escapeForTerminal(facts), TEXT_WIDTH - column).map((line, index) => (index === 0 ? bold(title) + ' '.repeat(column - title.length) : pad) + line);
}
