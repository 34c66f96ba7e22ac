import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { currentManifest, memoryImage, TEMPLATE_DIR, usableTemplate, writeManifest } from '../src/data/pglite-template.ts';
import { migrationFiles } from '../src/data/migration-files.ts';

test('the template archive made by the build starts an in-memory database with every migration applied', { skip: usableTemplate() ? false : 'no usable template: run npm run build' }, async () => {
  const image = memoryImage(TEMPLATE_DIR);
  assert.ok(image);
  const client = new PGlite({ loadDataDir: image });
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name');
    assert.deepEqual(
      rows.map((r) => r.name),
      migrationFiles(),
      'every migration is in the archive (after adding one, run npm run build)',
    );
  } finally {
    await client.close();
  }
});

/** A template directory as the build leaves it (the data directory's marker, the archive, the manifest). */
function fakeTemplate(manifest: ReturnType<typeof currentManifest>, withArchive = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-template-'));
  fs.mkdirSync(path.join(dir, 'pgdata'));
  fs.writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), '17\n');
  if (withArchive) fs.writeFileSync(path.join(dir, 'pgdata.tar'), 'archive');
  writeManifest(dir, manifest);
  return dir;
}

test('an archive is used only if this PGlite made it from the migrations checked in now', () => {
  const now = currentManifest();
  const [first] = Object.keys(now.migrations);
  assert.ok(first);
  const dirs = {
    current: fakeTemplate(now),
    changedMigration: fakeTemplate({ ...now, migrations: { ...now.migrations, [first]: 'another file' } }),
    otherPglite: fakeTemplate({ ...now, pglite: '0.0.1' }),
    noArchive: fakeTemplate(now, false),
  };
  try {
    assert.ok(memoryImage(dirs.current) instanceof Blob);
    assert.equal(memoryImage(dirs.changedMigration), undefined);
    assert.equal(memoryImage(dirs.otherPglite), undefined);
    assert.equal(memoryImage(dirs.noArchive), undefined);
  } finally {
    for (const dir of Object.values(dirs)) fs.rmSync(dir, { recursive: true, force: true });
  }
});
