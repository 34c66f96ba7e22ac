import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { queueOrder, take, testFiles } from './group/queue.ts';
import { testFileName, wrapInSuite } from './group/hooks.ts';

const TEST = path.dirname(fileURLToPath(import.meta.url));

test('the queue holds every test file in test/ and src/ once, and each is taken by exactly one worker', () => {
  const all = testFiles('all');
  const inTest = fs.readdirSync(TEST).filter((f) => f.endsWith('.test.ts')).map((f) => `test/${f}`);
  assert.deepEqual(testFiles('db'), inTest.sort(), 'the database set is test/ alone');
  assert.ok(all.includes('test/test-queue.test.ts'));
  assert.ok(all.includes('src/domain/calendar/calendar.test.ts'), 'unit tests beside the code are in the queue');
  assert.equal(new Set(all).size, all.length);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-queue-'));
  try {
    const order = queueOrder(all);
    assert.deepEqual([...order].sort(), all, 'the order holds every file once');
    // Two workers taking in turn, as two processes would race for each file.
    const taken: Record<string, string[]> = { a: [], b: [] };
    for (const file of order) for (const w of ['a', 'b']) if (take(dir, file)) taken[w]!.push(file);
    assert.deepEqual([...taken.a!, ...taken.b!].sort(), all, 'each file is taken once');
    assert.deepEqual(taken.b, [], 'a file already taken is not taken again');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the slowest files recorded go first; a file with no record is placed by its size', () => {
  const files = ['test/test-queue.test.ts', 'test/fast-check.test.ts', 'src/domain/dates.ts'];
  assert.deepEqual(queueOrder(files, { 'test/fast-check.test.ts': 500, 'test/test-queue.test.ts': 0.1, 'src/domain/dates.ts': 0.1 }), [
    'test/fast-check.test.ts',
    'src/domain/dates.ts',
    'test/test-queue.test.ts',
  ]);
  const bySize = queueOrder(['test/fast-check.test.ts', 'test/helpers.ts'], {});
  const size = (f: string) => fs.statSync(path.join(TEST, '..', f)).size;
  assert.ok(size(bySize[0]!) >= size(bySize[1]!), 'larger first when nothing is recorded');
});

test('only the project\'s own test files are wrapped as suites', () => {
  const root = 'file:///work/hearth/';
  assert.equal(testFileName(`${root}test/x.test.ts`, root), 'test/x.test.ts');
  assert.equal(testFileName(`${root}src/domain/calendar/calendar.test.ts`, root), 'src/domain/calendar/calendar.test.ts');
  assert.equal(testFileName(`${root}test/helpers.ts`, root), null);
  assert.equal(testFileName(`${root}test/group/x.test.ts`, root), null, 'not in a folder under test/');
  assert.equal(testFileName('file:///elsewhere/test/x.test.ts', root), null);
  assert.equal(testFileName(`${root}node_modules/p/src/a.test.ts`, root), null);
});

test("a file's code after its imports becomes one suite, on the lines it had", () => {
  const source = [
    'var __name = (f) => f;',
    "import { test, before } from 'node:test';",
    "import assert from 'node:assert/strict';",
    'let w = 0;',
    'before(() => { w = 1; });',
    "test('x', async () => { const m = await import('./y.ts'); assert.ok(m, `${w}`); });",
    '//# sourceMappingURL=data:application/json;base64,e30=',
  ].join('\n');
  const wrapped = wrapInSuite(source, 'test/x.test.ts');
  const lines = wrapped.split('\n');
  assert.equal(lines.length, source.split('\n').length + 1, 'only the closing adds a line, after the code');
  assert.match(lines[0]!, /^import \{ describe as (\w+) \} from 'node:test';var __name/);
  assert.equal(lines[2], `import assert from 'node:assert/strict';globalThis.__hearthLastSuite = __hearthFileSuite("test/x.test.ts", () => {`);
  assert.equal(lines[5], source.split('\n')[5], 'a dynamic import stays inside');
  assert.equal(lines[6], '});');
  assert.equal(lines[7], '//# sourceMappingURL=data:application/json;base64,e30=', 'the source map stays last');
});
