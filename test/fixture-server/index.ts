export { startFixtureServer } from './server.js';
export type { FixtureServer, FixtureServerOptions, QueryLog } from './server.js';
export { parseZone, ZoneParseError } from './zone-parser.js';
export type { ParsedZone, ZoneRecord, ZoneFault } from './zone-parser.js';
export { FAULT_MODES } from './faults.js';
