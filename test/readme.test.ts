import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { FINDING_CODES } from '../src/findings/catalog.js';
import { severitiesOf } from '../src/findings/describe.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The README is the contract users read: it must name everything the code does. */
describe('README', () => {
  it.each(FINDING_CODES)('documents finding %s with its severity', (code) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, `no table row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${severitiesOf(code).join(' / ')} |`);
  });

  const options = buildProgram().commands.flatMap((command) => command.options);
  it.each(options.map((option) => [option.flags, option] as const))('documents the option %s', (_flags, option) => {
    const documented = readme.includes(`\`${option.flags}`) || readme.includes(`\`${option.long}`);
    expect(documented, `README names ${option.flags} nowhere`).toBe(true);
  });

  it.each(['npm ci && npm run demo', 'npm test'])('gives the quick-start command %s', (command) => {
    expect(readme).toContain(command);
  });
});
