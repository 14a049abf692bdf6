export { startFixtureServer } from './server.js';
export type { FixtureServer, FixtureServerOptions, QueryLog } from './server.js';
export { parseFixtureZone } from './load.js';
export type { ZoneFault } from './fixture-zones.js';
export { FAULT_MODES } from './faults.js';
export { parseLatencyRange, type NetworkOptions } from './network.js';
