import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { DataDirBusyError, acquireDataDirLock } from '../src/data/data-dir-lock.ts';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

test('the embedded database is readable by its owner only, and stays held when its lock note is deleted', { skip: process.platform === 'win32' }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-data-dir-'));
  fs.chmodSync(dataDir, 0o755);
  try {
    const database = await openMigratedDatabase({ dataDir, holder: 'the test server' });
    try {
      assert.equal(mode(dataDir), 0o700);
      assert.equal(mode(path.join(dataDir, 'pgdata')), 0o700);
      assert.equal(mode(path.join(dataDir, 'pgdata', 'base')), 0o700);
      assert.equal(mode(path.join(dataDir, 'pgdata', 'PG_VERSION')), 0o600);
      assert.equal(mode(path.join(dataDir, 'hearth.lock')), 0o600);
      const files = (fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile());
      const open = files.filter((e) => mode(path.join(e.parentPath, e.name)) !== 0o600).map((e) => `${e.name} ${mode(path.join(e.parentPath, e.name)).toString(8)}`);
      assert.ok(files.length > 100, 'files');
      assert.deepEqual(open, [], 'every file is 0600');

      fs.rmSync(path.join(dataDir, 'hearth.lock'));
      await assert.rejects(acquireDataDirLock(dataDir, 'a second process'), (err: unknown) => {
        assert.ok(err instanceof DataDirBusyError);
        assert.equal(err.message, `The embedded database in ${dataDir} is in use by another process (the test server, pid ${process.pid}). Stop it first (for example the running server), or point DATA_DIR elsewhere. Nothing was changed.`);
        return true;
      });
    } finally {
      await database.close();
    }
    const listening = process.listenerCount('exit');
    const again = await acquireDataDirLock(dataDir, 'after it closed');
    assert.equal(process.listenerCount('exit'), listening + 1, 'the lock is released at exit if not before');
    again.release();
    assert.equal(process.listenerCount('exit'), listening, 'a released lock leaves no listener behind');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
