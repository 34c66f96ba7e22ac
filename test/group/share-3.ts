import { runShare } from './run.ts';

await runShare(3, 3);
