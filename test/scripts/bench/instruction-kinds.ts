/**
 * Where a callgrind run's instructions went, by kind: V8 compiling, garbage collection, V8's built-in
 * functions and runtime, compiled JavaScript, the C library, Node and libuv. Callgrind names V8's and
 * Node's C++ functions and the embedded builtins; code V8 compiled at run time has no symbol, so it
 * shows as addresses: that is the JavaScript itself (ours, Node's lib/ and dependencies, once optimized).
 */
import { spawnSync } from 'node:child_process';

export const INSTRUCTION_KINDS = ['V8 compiling', 'garbage collection', 'V8 builtins and runtime', 'compiled JavaScript', 'C library', 'Node and libuv', 'other'] as const;
export type InstructionKind = (typeof INSTRUCTION_KINDS)[number];

const RULES: readonly [InstructionKind, RegExp][] = [
  ['garbage collection', /Scaveng|Marking|Sweep|MarkCompact|Evacuat|heap::|Heap::|IteratePointers|Pretenuring|RememberedSet|SlotSet|MarkingBarrier|SizeFromMap|IterateObjectCache|GlobalHandles|RecordWrite|Allocat|FreeList|PagedSpace|NewSpace/],
  ['V8 compiling', /compiler::|Scanner|Parser|Bytecode|interpreter::|Compiler|baseline::|Zone::|\bAst|DeclarationScope|ScopeInfo|Deoptimizer|Assembler|CodeGen|turboshaft/],
  ['V8 builtins and runtime', /Builtins_|Json|Runtime_|String|LookupIterator|v8::internal::/],
  ['compiled JavaScript', /^\?\?\?:0x[0-9a-f]+ \[\?\?\?\]/],
  ['C library', /libc\.so/],
  ['Node and libuv', /node::|uv_|uv__|libuv/],
];

export function kindOf(symbol: string): InstructionKind {
  for (const [kind, pattern] of RULES) if (pattern.test(symbol)) return kind;
  return 'other';
}

/** Instructions of each kind in one callgrind output file (callgrind_annotate, self cost per function). */
export function instructionKinds(callgrindFile: string): Map<InstructionKind, number> {
  const run = spawnSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', callgrindFile], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`callgrind_annotate: ${run.stderr}`);
  const kinds = new Map<InstructionKind, number>(INSTRUCTION_KINDS.map((kind) => [kind, 0]));
  for (const line of run.stdout.split('\n')) {
    const match = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!match || (match[2] as string).includes('PROGRAM TOTALS')) continue;
    const kind = kindOf(match[2] as string);
    kinds.set(kind, (kinds.get(kind) ?? 0) + Number((match[1] as string).replaceAll(',', '')));
  }
  return kinds;
}
