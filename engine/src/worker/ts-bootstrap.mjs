// Entry of worker threads when the engine runs from TypeScript source (tsx).
// On Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's own entry
// module ("Unknown file extension .ts"); registering tsx here, then importing the
// real entry, does.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__entry);
