// @ts-check
/**
 * ESLint rule `hearth/no-import-cycle`: a relative import must not lead, through any chain of
 * imports (type-only ones included), back to the file that makes it. The layers themselves are
 * kept apart by `no-restricted-imports` in eslint.config.js; this catches cycles inside a layer
 * too (two data modules importing each other, say). Each file's imports are read with
 * TypeScript's own pre-processor, once per file and change, so linting the whole tree stays fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** @type {Map<string, { mtimeMs: number; imports: string[] }>} */
const cache = new Map();

/**
 * The files a module imports by relative path (the project imports files by their own names,
 * `./db.ts`), absolute, those that exist.
 * @param {string} file
 * @param {string} text
 * @returns {string[]}
 */
function relativeImports(file, text) {
  const targets = [];
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    const target = resolve(file, ref.fileName);
    if (target) targets.push(target);
  }
  return targets;
}

/**
 * @param {string} from
 * @param {string} specifier
 * @returns {string | null}
 */
function resolve(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = path.resolve(path.dirname(from), specifier);
  return fs.existsSync(target) && fs.statSync(target).isFile() ? target : null;
}

/**
 * @param {string} file
 * @returns {string[]}
 */
function importsOnDisk(file) {
  const { mtimeMs } = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.imports;
  const imports = relativeImports(file, fs.readFileSync(file, 'utf8'));
  cache.set(file, { mtimeMs, imports });
  return imports;
}

/**
 * A chain of imports from `start` back to `goal`, or null.
 * @param {string} start
 * @param {string} goal
 * @returns {string[] | null}
 */
function pathBack(start, goal) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of importsOnDisk(file)) {
      if (next === goal) {
        const chain = [file];
        for (let f = cameFrom.get(file); f; f = cameFrom.get(f)) chain.unshift(f);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow a relative import that leads back to the importing file.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}. Move what both need into a module lower down (docs/architecture.md).' },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    /** @param {import('estree').Node & { source?: import('estree').Node | null }} node */
    function check(node) {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolve(file, source.value);
      if (!target) return;
      const chain = target === file ? [] : pathBack(target, file);
      if (!chain) return;
      const names = [file, ...chain, file].map((f) => path.relative(root, f));
      context.report({ node: source, messageId: 'cycle', data: { chain: names.join(' → ') } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
