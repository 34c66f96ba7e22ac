import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The embedded database belongs to one process. The holder listens on a local socket named after
 * DATA_DIR: on Linux in the abstract namespace (no file to delete, gone the moment the process dies,
 * even by kill -9), on Windows as a named pipe, elsewhere as DATA_DIR/hearth.sock. Any other process
 * (a second server, `npm run seed`, `npm run token:create`) finds the name taken, asks the holder who it
 * is, and refuses with one clear line. DATA_DIR/hearth.lock only tells a person who holds it; deleting
 * it changes nothing.
 */
export type DataDirLock = { release: () => void };

export class DataDirBusyError extends Error {
  constructor(dataDir: string, pid: number | string, holder: string) {
    super(
      `The embedded database in ${dataDir} is in use by another process (${holder}, pid ${pid}). ` +
        'Stop it first (for example the running server), or point DATA_DIR elsewhere. Nothing was changed.',
    );
    this.name = 'DataDirBusyError';
  }
}

type Holder = { pid: number; holder: string; since: string };

/** The socket that stands for holding this DATA_DIR. */
export function lockAddress(dataDir: string): string {
  const id = crypto.createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return `\0hearth-data-dir-${id}`;
  if (process.platform === 'win32') return `\\\\?\\pipe\\hearth-data-dir-${id}`;
  return path.join(dataDir, 'hearth.sock');
}

function listen(server: net.Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Who holds the address, as they say; null when nobody answers (a socket file left by a dead process). */
function askHolder(address: string): Promise<Holder | null> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(address);
    socket.setEncoding('utf8');
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => resolve(null));
    socket.on('close', () => {
      try {
        resolve(JSON.parse(text) as Holder);
      } catch {
        resolve(text ? { pid: 0, holder: 'unknown', since: '' } : null);
      }
    });
  });
}

export async function acquireDataDirLock(dataDir: string, holder: string): Promise<DataDirLock> {
  const address = lockAddress(dataDir);
  const note = path.join(dataDir, 'hearth.lock');
  const me: Holder = { pid: process.pid, holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    const server = net.createServer((socket) => socket.end(JSON.stringify(me)));
    try {
      await listen(server, address);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      const other = await askHolder(address);
      if (other) throw new DataDirBusyError(dataDir, other.pid || 'unknown', other.holder);
      // A socket file left behind by a process that died: nobody listens on it.
      fs.rmSync(address, { force: true });
      continue;
    }
    server.unref();
    fs.writeFileSync(note, JSON.stringify(me), { mode: 0o600 });
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      // A process that opens and closes the database many times (a command, a test) keeps no listener per opening.
      process.removeListener('exit', release);
      server.close();
      try {
        const current = JSON.parse(fs.readFileSync(note, 'utf8')) as { pid?: number };
        if (current.pid === process.pid) fs.unlinkSync(note);
      } catch {
        /* already gone */
      }
    };
    process.once('exit', release);
    return { release };
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

/**
 * Only the user the service runs as may read the embedded database: DATA_DIR and every directory in
 * it 0700, every file 0600 (new files PostgreSQL makes later are inside those directories).
 */
export function restrictToOwner(dir: string): void {
  if (process.platform === 'win32') return; // Windows has no such modes; the directory's ACL decides.
  fs.chmodSync(dir, 0o700);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) restrictToOwner(full);
    else if (entry.isFile()) fs.chmodSync(full, 0o600);
  }
}
