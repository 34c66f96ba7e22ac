import { runWorker } from './queue.ts';

await runWorker();
