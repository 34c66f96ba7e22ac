import { runShare } from './run.ts';

await runShare(2, 3);
