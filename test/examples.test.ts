/**
 * The scale-out recipes in examples/ (README "Splitting a large list"): each parses as YAML, and its
 * commands, run by a real shell with a stand-in `dmarc-audit` that records its arguments and creates
 * its --output, cover every shard exactly once and feed every shard's file to the final `report`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseShard } from '../src/engine/shard.js';

const EXAMPLES = new URL('../examples/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The stand-in: one argument per line on stdout, and an empty file at each --output.
const bin = join(dir, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'dmarc-audit'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\nwhile [ $# -gt 0 ]; do if [ "$1" = "--output" ]; then : > "$2"; fi; shift; done\n');
chmodSync(join(bin, 'dmarc-audit'), 0o755);

/** Runs a command line with the stand-in; returns the arguments of each dmarc-audit call, flattened. */
function run(command: string, cwd: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync('sh', ['-c', command], { cwd, env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '');
}

const after = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

/** Every shard k/n for k = 1..n exactly once, with one n. */
function expectEveryShardOnce(shards: string[], n: number): void {
  const parsed = shards.map((text) => parseShard(text));
  expect(parsed.every((shard) => !('error' in shard) && shard.count === n)).toBe(true);
  expect(parsed.map((shard) => ('error' in shard ? 0 : shard.index)).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
}

/** A GitHub Actions glob (`*`) as a test. */
const globMatches = (pattern: string, name: string): boolean => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

describe('examples/github-actions-shards.yml', () => {
  const workflow = parse(readFileSync(new URL('github-actions-shards.yml', EXAMPLES), 'utf8')) as {
    jobs: { audit: { strategy: { matrix: { shard: number[] } }; steps: Step[] }; report: { needs: string; steps: Step[] } };
  };

  it('a matrix job per shard, each auditing its own shard into its own artifact; the report job reads them all', () => {
    const { audit, report } = workflow.jobs;
    const matrix = audit.strategy.matrix.shard;
    const auditRun = audit.steps.find((step) => step.run?.startsWith('dmarc-audit'))!.run!;
    const upload = audit.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))!.with!;
    const download = report.steps.find((step) => step.uses?.startsWith('actions/download-artifact'))!.with!;
    const shards: string[] = [];
    const artifacts = join(dir, 'gha', String(download.path));
    mkdirSync(artifacts, { recursive: true });
    for (const shard of matrix) {
      const cwd = join(dir, 'gha', `job-${shard}`);
      mkdirSync(cwd, { recursive: true });
      const args = run(auditRun.replaceAll('${{ matrix.shard }}', String(shard)), cwd);
      shards.push(after(args, '--shard')!);
      const output = after(args, '--output')!;
      expect(String(upload.path).replaceAll('${{ matrix.shard }}', String(shard))).toBe(output);
      expect(globMatches(String(download.pattern), String(upload.name).replaceAll('${{ matrix.shard }}', String(shard)))).toBe(true);
      // merge-multiple: every artifact's files land in one folder.
      writeFileSync(join(artifacts, output), readFileSync(join(cwd, output)));
    }
    const n = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(auditRun)?.[1]);
    expect(matrix).toHaveLength(n);
    expectEveryShardOnce(shards, n);
    expect(report.needs).toBe('audit');
    const reportRun = report.steps.find((step) => step.run?.startsWith('dmarc-audit report'))!.run!;
    const reportArgs = run(reportRun, join(dir, 'gha'));
    expect(reportArgs.filter((arg) => arg.endsWith('.ndjson')).sort()).toEqual(readdirSync(artifacts).map((file) => `${download.path}/${file}`).sort());
    expect(reportArgs).toHaveLength(readdirSync(artifacts).length + 1 + 6);
  });
});

describe('examples/k8s-indexed-job.yaml', () => {
  const documents = parseAllDocuments(readFileSync(new URL('k8s-indexed-job.yaml', EXAMPLES), 'utf8')).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as { kind: string; metadata: { name: string }; spec: { completionMode?: string; completions?: number; template: { spec: { containers: { command: string[]; args: string[] }[] } } } };
  });

  it('JOB_COMPLETION_INDEX 0..completions-1 maps to shards 1/n..n/n, each once, each to its own file; the report job reads every one', () => {
    const shardsJob = documents.find((doc) => doc.spec.completionMode === 'Indexed')!;
    const reportJob = documents.find((doc) => doc !== shardsJob)!;
    expect(documents.map((doc) => doc.kind)).toEqual(['Job', 'Job']);
    const n = shardsJob.spec.completions!;
    const data = join(dir, 'k8s');
    mkdirSync(join(data, 'out'), { recursive: true });
    const script = (job: typeof shardsJob): string => {
      const [container] = job.spec.template.spec.containers;
      expect(container!.command).toEqual(['sh', '-c']);
      return container!.args[0]!.replaceAll('/data', data);
    };
    const shards: string[] = [];
    const outputs = new Set<string>();
    for (let index = 0; index < n; index++) {
      const args = run(script(shardsJob), dir, { JOB_COMPLETION_INDEX: String(index) });
      shards.push(after(args, '--shard')!);
      outputs.add(after(args, '--output')!);
    }
    expectEveryShardOnce(shards, n);
    expect(outputs.size).toBe(n);
    const reportArgs = run(script(reportJob), dir);
    expect(reportArgs[0]).toBe('report');
    expect(reportArgs.filter((arg) => arg.startsWith(join(data, 'out', 'shard-'))).sort()).toEqual([...outputs].sort());
  });
});
