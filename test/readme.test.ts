import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { FINDING_CATALOG, FINDING_CODES } from '../src/findings/catalog.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The README is the contract users read: it must name everything the code does. */
describe('README', () => {
  it.each(FINDING_CODES)('documents finding %s with its severity', (code) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, `no table row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${FINDING_CATALOG[code].severity} |`);
  });

  const options = buildProgram().commands.flatMap((command) => command.options.map((option) => option.long ?? ''));
  it.each(options.filter((o) => o !== ''))('documents the option %s', (option) => {
    expect(readme).toContain(`\`${option}`);
  });

  it.each(['npm ci && npm run demo', 'npm test'])('gives the quick-start command %s', (command) => {
    expect(readme).toContain(command);
  });
});
