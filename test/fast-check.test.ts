/**
 * Property tests run with a fixed seed (test/fast-check.ts): the same cases on every run, the seed
 * printed on a failure, another one chosen with FC_SEED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc, { DEFAULT_FC_SEED, FC_SEED, fastCheckSeed } from './fast-check.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('the seed is the default when FC_SEED is unset or blank, and FC_SEED when it is set', () => {
  assert.equal(fastCheckSeed({}), DEFAULT_FC_SEED);
  assert.equal(fastCheckSeed({ FC_SEED: '' }), DEFAULT_FC_SEED);
  assert.equal(fastCheckSeed({ FC_SEED: ' 42 ' }), 42);
  assert.equal(fastCheckSeed({ FC_SEED: '-779473539' }), -779473539);
});

test('an FC_SEED that is not a 32-bit whole number is refused, not ignored', () => {
  for (const bad of ['abc', '1.5', '1e6', '0x10', '4294967296', '-2147483649']) {
    assert.throws(() => fastCheckSeed({ FC_SEED: bad }), /FC_SEED must be a whole number/, bad);
  }
});

test('fast-check is configured with that seed for every property in the process', () => {
  assert.equal(FC_SEED, fastCheckSeed(process.env));
  assert.equal(fc.readConfigureGlobal().seed, FC_SEED);
  if (!process.env.FC_SEED?.trim()) assert.equal(fc.readConfigureGlobal().seed, DEFAULT_FC_SEED);
});

test('two runs of a property see the same values, and a failure prints the seed that replays it', () => {
  const seen = () => {
    const values: number[] = [];
    fc.assert(
      fc.property(fc.integer(), (n) => {
        values.push(n);
      }),
      { numRuns: 20 },
    );
    return values;
  };
  assert.deepEqual(seen(), seen());
  assert.throws(
    () => fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500)),
    (err: Error) => err.message.includes(`seed: ${FC_SEED},`) && err.message.includes('Counterexample'),
  );
});

/** Every test file under `dir`. */
function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(full);
    return e.name.endsWith('.test.ts') ? [full] : [];
  });
}

test('every property test takes fast-check from test/fast-check.ts, so none runs unseeded', () => {
  const files = [...testFiles(path.join(ROOT, 'src')), ...testFiles(path.join(ROOT, 'test')), ...testFiles(path.join(ROOT, 'e2e'))];
  const usesFastCheck = files.filter((f) => /\bfc\.(assert|check|sample|statistics)\(/.test(fs.readFileSync(f, 'utf8')));
  assert.ok(usesFastCheck.length >= 3, `expected the property tests, found ${usesFastCheck.length}`);
  for (const f of usesFastCheck) {
    const source = fs.readFileSync(f, 'utf8');
    const rel = path.relative(ROOT, f);
    assert.doesNotMatch(source, /^import[^;]*from ['"]fast-check['"]/m, `${rel} imports 'fast-check' directly: import fc from test/fast-check.ts instead`);
    assert.match(source, /import fc(?:, \{[^}]*\})? from ['"](?:\.{1,2}\/)+(?:test\/)?fast-check\.ts['"]/, `${rel} must import fc from test/fast-check.ts`);
  }
});
