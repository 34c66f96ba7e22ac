/**
 * The embedded database's first start without initdb. PGlite creates a new database by running
 * PostgreSQL's initdb in WebAssembly, which takes seconds; `npm run build` (run at install) does that
 * once and keeps the result, migrated, in dist/pgdata-template. A new DATA_DIR then starts as a copy of
 * it. The copy is used only if the installed PGlite made it and every migration in it is the same file
 * as the one checked in now; migrations added since are applied as usual, and anything else (no build,
 * an older template) falls back to initdb.
 *
 * An in-memory database (every test file opens one) starts the same way, from `pgdata.tar`: the same
 * template as one archive, which PGlite loads into memory instead of running initdb (seconds saved in
 * each test file).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_DIR, migrationFiles } from './migration-files.ts';

/** dist/pgdata-template, whether this module runs from src/data or from dist/data. */
export const TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'pgdata-template');
/** What a template was made with: the PGlite version and each migration's SHA-256. */
export type TemplateManifest = { pglite: string; migrations: Record<string, string> };
const MANIFEST = 'template.json';
const IMAGE = 'pgdata.tar';

/** The installed PGlite's version (its data directory format goes with it). */
export function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('@electric-sql/pglite: package.json not found');
    dir = up;
  }
}

/** The manifest of a template made now: this PGlite and the migrations as they are on disk. */
export function currentManifest(): TemplateManifest {
  const migrations: Record<string, string> = {};
  for (const file of migrationFiles()) {
    migrations[file] = crypto.createHash('sha256').update(fs.readFileSync(path.join(MIGRATIONS_DIR, file))).digest('hex');
  }
  return { pglite: pgliteVersion(), migrations };
}

/** The template's manifest if it can seed a new database now, else null. */
export function usableTemplate(dir: string = TEMPLATE_DIR): TemplateManifest | null {
  try {
    const made = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as TemplateManifest;
    const now = currentManifest();
    if (made.pglite !== now.pglite) return null;
    for (const [file, hash] of Object.entries(made.migrations)) if (now.migrations[file] !== hash) return null;
    return fs.existsSync(path.join(dir, 'pgdata', 'PG_VERSION')) ? made : null;
  } catch {
    return null;
  }
}

/**
 * Creates `pgdata` (which must not exist) as a copy of the template, if one is usable. The copy is made
 * beside it and renamed into place, so an interrupted copy leaves no half database. Returns whether
 * it did; false means PGlite will run initdb.
 */
export function copyTemplateTo(pgdata: string, dir: string = TEMPLATE_DIR): boolean {
  if (fs.existsSync(pgdata) || !usableTemplate(dir)) return false;
  const partial = `${pgdata}.partial-${process.pid}`;
  try {
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(path.join(dir, 'pgdata'), partial, { recursive: true });
    fs.renameSync(partial, pgdata);
    return true;
  } catch {
    fs.rmSync(partial, { recursive: true, force: true });
    return false;
  }
}

/** Writes the manifest of a template whose pgdata has just been made and migrated (by `npm run build`). */
export function writeManifest(dir: string, manifest: TemplateManifest): void {
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Writes `pgdata.tar`, the template's data directory as one archive for in-memory databases. Run by
 * `npm run build` after the template is made and closed, before its manifest is written.
 */
export async function writeMemoryImage(dir: string): Promise<void> {
  const onDisk = new PGlite(path.join(dir, 'pgdata'));
  let archive: Blob;
  try {
    await onDisk.waitReady;
    archive = await onDisk.dumpDataDir('none');
  } finally {
    await onDisk.close();
  }
  // The archive leaves out the template databases, which an embedded database never uses (it has
  // one database and never creates another): a third less for every in-memory database to unpack.
  const slim = new PGlite({ loadDataDir: archive });
  try {
    await slim.waitReady;
    for (const name of ['template0', 'template1']) {
      await slim.exec(`UPDATE pg_database SET datistemplate = false WHERE datname = '${name}'`);
      await slim.exec(`DROP DATABASE ${name}`);
    }
    await slim.exec('CHECKPOINT');
    const image = await slim.dumpDataDir('none');
    fs.writeFileSync(path.join(dir, IMAGE), Buffer.from(await image.arrayBuffer()));
  } finally {
    await slim.close();
  }
}

/**
 * The archives read so far, by template directory: a process that opens many in-memory databases (a
 * test worker) reads and checks the archive once. A Blob cannot change, so each database may start
 * from the same one. A template rebuilt while the process runs is not seen until the next process.
 */
const images = new Map<string, Blob | undefined>();

/** The template as an archive an in-memory PGlite can start from, if one is usable; else undefined (initdb). */
export function memoryImage(dir: string = TEMPLATE_DIR): Blob | undefined {
  if (images.has(dir)) return images.get(dir);
  let image: Blob | undefined;
  try {
    image = usableTemplate(dir) ? new Blob([fs.readFileSync(path.join(dir, IMAGE))]) : undefined;
  } catch {
    image = undefined;
  }
  images.set(dir, image);
  return image;
}
