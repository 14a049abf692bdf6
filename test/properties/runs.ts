/**
 * How many cases each property tries: the CI budget given here, or FUZZ_RUNS for the long run of
 * `npm run fuzz`, which runs these same properties.
 */
export function runs(ciRuns: number): number {
  const fuzz = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fuzz) && fuzz > 0 ? fuzz : ciRuns;
}
