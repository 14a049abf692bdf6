import { escapeForTerminal } from './escape.js';
import { wrapText } from './wrap.js';

/** Text output is at most this many columns wide. */
export const TEXT_WIDTH = 80;

/** Untrusted text, escaped for the terminal, wrapped and indented so it stays within TEXT_WIDTH columns. */
export function block(text: string, indent: number, color: (s: string) => string = (s) => s): string[] {
  const pad = ' '.repeat(indent);
  return wrapText(escapeForTerminal(text), TEXT_WIDTH - indent).map((line) => pad + color(line));
}
