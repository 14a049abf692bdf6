/** The script of each `--workers` thread: audits the domains the main thread sends it (see audit-runner.ts). */
import { workerData } from 'node:worker_threads';
import { serveWork } from '../engine/worker-serve.js';
import { auditService, readOptions, type AuditSetup } from './audit-runner.js';

const setup = workerData as AuditSetup;
serveWork(await auditService(setup, await readOptions(setup)));
