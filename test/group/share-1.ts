import { runShare } from './run.ts';

await runShare(1, 3);
