import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database belongs to one process. The holder writes its pid into DATA_DIR/hearth.lock;
 * any other process (a second server, `npm run seed`, `npm run token:create`) refuses with a clear
 * message while that process is alive. A lock left by a process that has died is taken over.
 */
export type DataDirLock = { release: () => void };

export class DataDirBusyError extends Error {
  constructor(dataDir: string, pid: number, holder: string) {
    super(
      `The embedded database in ${dataDir} is in use by another process (${holder}, pid ${pid}). ` +
        'Stop it first (for example the running server), or point DATA_DIR elsewhere. Nothing was changed.',
    );
    this.name = 'DataDirBusyError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, holder: string): DataDirLock {
  const file = path.join(dataDir, 'hearth.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number };
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let info: { pid?: number; holder?: string } = {};
      try {
        info = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof info;
      } catch {
        /* unreadable lock: treat as stale */
      }
      if (info.pid && info.pid !== process.pid && isAlive(info.pid)) {
        throw new DataDirBusyError(dataDir, info.pid, info.holder ?? 'unknown');
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
