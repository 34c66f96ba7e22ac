import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { share } from './group/run.ts';
import { wrapInSuite } from './group/hooks.ts';

const TEST = path.dirname(fileURLToPath(import.meta.url));

test('the three shares run every test file in test/ once', () => {
  const shares = [1, 2, 3].map((n) => share(n, 3));
  const all = shares.flat().map((f) => path.basename(f)).sort();
  assert.deepEqual(all, fs.readdirSync(TEST).filter((f) => f.endsWith('.test.ts')).sort());
  assert.ok(shares.every((s) => s.length > 0), 'none is empty');
  assert.ok(all.includes('test-shares.test.ts'));
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
  assert.equal(lines[2], `import assert from 'node:assert/strict';__hearthFileSuite("test/x.test.ts", () => {`);
  assert.equal(lines[5], source.split('\n')[5], 'a dynamic import stays inside');
  assert.equal(lines[6], '});');
  assert.equal(lines[7], '//# sourceMappingURL=data:application/json;base64,e30=', 'the source map stays last');
});
