import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema, PROFILE_NAMES, RULE_NAMES } from '../../src/gate/config-schema.js';
import { PROFILES } from '../../src/gate/profiles.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const start = readme.indexOf('## CI gate');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

describe('README gate section', () => {
  it.each(RULE_NAMES)('documents the rule %s', (rule) => {
    expect(section).toContain(`| \`${rule}\` |`);
  });

  it.each(Object.keys(configSchema.shape))('documents the config key %s', (key) => {
    expect(section).toContain(`| \`${key}\` |`);
  });

  it.each(PROFILE_NAMES)('documents the profile %s with its source', (profile) => {
    const row = section.split('\n').find((line) => line.startsWith(`| \`${profile}\` |`));
    expect(row).toBeDefined();
    const url = /https:\/\/\S+/.exec(PROFILES[profile].source)?.[0];
    if (url) expect(row).toContain(url);
  });

  it.each([0, 1, 2, 3])('documents exit code %i', (code) => {
    expect(section).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  it('gives a GitHub Actions workflow and a GitLab CI job that parse', () => {
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(2);
    const [workflow, gitlab] = yamlBlocks.map((block) => parse(block) as Record<string, unknown>);
    // The package is not published yet: the workflow uses this repository's action, which writes SARIF.
    expect(JSON.stringify(workflow)).toContain('"uses":"<owner>/dmarc-audit@<ref>"');
    expect(JSON.stringify(workflow)).toContain('"sarif_file":"dmarc-audit.sarif"');
    expect(JSON.stringify(gitlab)).toContain('dmarc-audit gate --format junit');
    expect(JSON.stringify(gitlab)).not.toMatch(/"- ?npx/);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { description: string }>;
    runs: { using: string; steps: { if?: string; id?: string; uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> }[] };
  };

  it('is a composite action with the gate\'s inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['config', 'domains', 'profile', 'format', 'output', 'nameserver']);
  });

  it('builds once: dev dependencies only on a cache miss, then the installed package runs from the cache', () => {
    const { steps } = action.runs;
    const cache = steps.find((step) => step.uses?.startsWith('actions/cache@'));
    const builds = steps.filter((step) => /npm (ci|install)\b/.test(step.run ?? ''));
    expect(builds).toHaveLength(1);
    expect(builds[0]!.if).toBe(`steps.${cache?.id}.outputs.cache-hit != 'true'`);
    expect(builds[0]!.run).toMatch(/npm install --prefix "\$PACKAGE_DIR" --omit=dev .*dmarc-audit-\*\.tgz/);
    const gate = steps.at(-1)!;
    expect(gate.run).toContain('node "$PACKAGE_DIR/node_modules/dmarc-audit/bin/dmarc-audit.js"');
    for (const step of [builds[0]!, gate]) expect(step.env?.PACKAGE_DIR).toBe(cache?.with?.path);
    expect(cache?.with?.key).toContain('steps.source.outputs.hash');
  });

  it('passes inputs through the environment, never into the script text', () => {
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
  });
});
