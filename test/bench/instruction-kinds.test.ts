import { describe, expect, it } from 'vitest';
import { kindOf } from '../scripts/bench/instruction-kinds.js';

// Symbols as callgrind_annotate prints them for a Node 20 run of the CLI (bench --instructions).
const CASES: [string, ReturnType<typeof kindOf>][] = [
  ['???:heap::base::SlotCallbackResult v8::internal::Scavenger::ScavengeObject<v8::internal::FullHeapObjectSlot>(v8::internal::FullHeapObjectSlot, v8::internal::HeapObject) [/usr/bin/node]', 'garbage collection'],
  ['???:v8::internal::Sweeper::RawSweep(v8::internal::Page*, v8::internal::FreeSpaceTreatmentMode, v8::internal::Sweeper::SweepingMode) [/usr/bin/node]', 'garbage collection'],
  ['???:Builtins_RecordWriteSaveFP [/usr/bin/node]', 'garbage collection'],
  ['???:v8::internal::compiler::GraphReducer::ReduceTop() [/usr/bin/node]', 'V8 compiling'],
  ['???:v8::internal::Scanner::Next() [/usr/bin/node]', 'V8 compiling'],
  ['???:Builtins_LoadIC [/usr/bin/node]', 'V8 builtins and runtime'],
  ['???:v8::internal::JsonStringifier::SerializeString(v8::internal::Handle<v8::internal::String>) [/usr/bin/node]', 'V8 builtins and runtime'],
  ['???:0x000000000d118f40 [???]', 'compiled JavaScript'],
  ['./malloc/./malloc/malloc.c:_int_free [/usr/lib/x86_64-linux-gnu/libc.so.6]', 'C library'],
  ['???:node::UDPWrap::OnRecv(long, uv_buf_t const*, sockaddr const*, unsigned int) [/usr/bin/node]', 'Node and libuv'],
  ['???:uv__io_poll [/usr/bin/node]', 'Node and libuv'],
  ['???:0x0000000000001234 [/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2]', 'other'],
];

describe('kindOf (bench --instructions breakdown)', () => {
  it.each(CASES)('%s', (symbol, kind) => expect(kindOf(symbol)).toBe(kind));
});
