/**
 * The child's other names (nicknames, preferred and previous names) and their family members' names,
 * as the child record holds them, never reach the anonymised summary: whole, or any first name or
 * surname on its own, in any case, possessive. Examples, then a property over generated names
 * (seeded: test/fast-check.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { anonymisedSummary, type AnonymiseInput } from './summary.ts';

const TODAY = '2025-06-15';
const R = '[removed]';

function input(text: string, people: { otherNames?: string[]; familyNames?: string[]; sibling?: { otherNames: string[] } } = {}): AnonymiseInput {
  return {
    child: { firstName: 'Tallulah', lastName: 'Okonkwo', otherNames: people.otherNames ?? [], dateOfBirth: '2015-04-03', sex: 'F', ethnicity: 'BAFR' },
    request: {
      urgency: 'planned',
      kind: 'short_term',
      neededBy: '2025-09-01',
      needs: { health: text, needTags: [] },
      risks: { riskToSelf: text, riskFromOthers: '', riskToOthers: '' },
      views: { childViews: text },
    },
    siblings: people.sibling ? [{ firstName: 'Jadeyn', lastName: 'Okonkwo', otherNames: people.sibling.otherNames, dateOfBirth: '2017-09-12' }] : [],
    familyNames: people.familyNames ?? [],
  };
}

/** Every line of the summary that carries the free text. */
const freeTextLines = (summary: { sections: { lines: string[] }[] }) => summary.sections.flatMap((s) => s.lines).filter((l) => /^(Health|Risk to the child themself|Views):/.test(l));

test('nicknames, preferred and previous names on the record are removed, whole and word by word', () => {
  const text = "Lulu's asthma is bad. Tally-Rose (as she was called) and TALLY ROSE; her old name Tallulah Brennan-Hart, then Brennan; Hart's family.";
  const summary = anonymisedSummary(input(text, { otherNames: ['Lulu', 'Tally-Rose', 'Tallulah Brennan-Hart'] }), TODAY);
  for (const line of freeTextLines(summary)) {
    assert.equal(line.replace(/^[^:]+: /, ''), `${R} asthma is bad. ${R} (as she was called) and ${R}; her old name ${R}, then ${R}; ${R} family.`);
  }
});

test("family members' names are removed, whole and by each first name and surname, and so are a sibling's nicknames", () => {
  const text = "Mum Marguerite Fairweather rang; Marguerite said Mr O'Shaughnessy (Desmond) visits. The Fairweathers' house. Jadz misses her sister.";
  const summary = anonymisedSummary(input(text, { familyNames: ['Marguerite Fairweather', "Desmond O'Shaughnessy"], sibling: { otherNames: ['Jadz'] } }), TODAY);
  for (const line of freeTextLines(summary)) {
    assert.equal(line.replace(/^[^:]+: /, ''), `Mum ${R} rang; ${R} said Mr ${R} (${R}) visits. The ${R} house. ${R} misses her sister.`);
  }
  assert.match(summary.text, /^Girl aged 10, and a sibling aged 7, to be placed together$/m);
});

test('names not on the record are not removed (the sender must read the preview)', () => {
  const summary = anonymisedSummary(input('Her friend Priya lives nearby.', { otherNames: ['Lulu'], familyNames: ['Marguerite Fairweather'] }), TODAY);
  assert.ok(summary.text.includes('Her friend Priya lives nearby.'));
});

// ---------------------------------------------------------------------------------------------
// Property: any names the record holds, written any way in the text, are gone
// ---------------------------------------------------------------------------------------------

/** Ordinary words of a note; generated names that are one of them are left out (they would be removed anyway). */
const VOCABULARY = ['the', 'child', 'likes', 'and', 'her', 'his', 'mum', 'dad', 'nan', 'said', 'visits', 'weekly', 'called', 'known', 'as', 'misses', 'with', 'at', 'home', 'school', 'may', 'will'];
const letters = (min: number, max: number) => fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), { minLength: min, maxLength: max }).map((xs) => xs.join(''));
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const word = letters(2, 9)
  .filter((w) => !VOCABULARY.includes(w))
  .map(capitalise);

/** A name as recorded, and the parts of it that must not survive on their own. */
type Name = { recorded: string; parts: string[] };
const surname: fc.Arbitrary<Name> = fc.oneof(
  word.map((w) => ({ recorded: w, parts: [w] })),
  fc.tuple(word, word).map(([a, b]) => ({ recorded: `${a}-${b}`, parts: [a, b] })),
  letters(3, 8)
    .filter((w) => !VOCABULARY.includes(w))
    .map((w) => ({ recorded: `O'${capitalise(w)}`, parts: [capitalise(w)] })),
);
const fullName: fc.Arbitrary<Name> = fc.tuple(word, surname).map(([first, last]) => ({ recorded: `${first} ${last.recorded}`, parts: [first, ...last.parts] }));
const nickname: fc.Arbitrary<Name> = word.map((w) => ({ recorded: w, parts: [w] }));

/** A way of writing a name or one of its parts in a note. */
const written = (n: Name) =>
  fc
    .tuple(fc.constantFrom(n.recorded, ...n.parts), fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toUpperCase(), (s) => s.toLowerCase()), fc.constantFrom('', "'s", '’s', 's'))
    .map(([form, kase, suffix]) => kase(form) + suffix);

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
function hasWord(text: string, w: string): boolean {
  const t = text.toLowerCase();
  const needle = w.toLowerCase();
  for (let i = t.indexOf(needle); i >= 0; i = t.indexOf(needle, i + 1)) {
    const before = i > 0 ? t.charAt(i - 1) : ' ';
    const after = i + needle.length < t.length ? t.charAt(i + needle.length) : ' ';
    if (!LETTER_OR_DIGIT.test(before) && !LETTER_OR_DIGIT.test(after)) return true;
  }
  return false;
}

const recordWithNote = fc
  .record({
    nicknames: fc.array(nickname, { minLength: 1, maxLength: 3 }),
    previous: fc.array(fullName, { maxLength: 2 }),
    family: fc.array(fullName, { minLength: 1, maxLength: 4 }),
    filler: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 20 }),
  })
  .chain(({ nicknames, previous, family, filler }) => {
    const names = [...nicknames, ...previous, ...family];
    return fc
      .tuple(fc.tuple(...names.map(written)), fc.array(fc.constantFrom(' ', ', ', '. ', '\n', ' (', '; '), { minLength: names.length + filler.length, maxLength: names.length + filler.length }))
      .chain(([forms, seps]) =>
        fc.shuffledSubarray([...forms, ...filler], { minLength: forms.length + filler.length, maxLength: forms.length + filler.length }).map((pieces) => ({
          text: pieces.map((p, i) => `${p}${seps[i]}`).join(''),
          otherNames: [...nicknames, ...previous].map((n) => n.recorded),
          familyNames: family.map((n) => n.recorded),
          parts: names.flatMap((n) => n.parts),
        })),
      );
  });

test('property: no part of any other name or family member’s name on the record survives in the summary', () => {
  fc.assert(
    fc.property(recordWithNote, ({ text, otherNames, familyNames, parts }) => {
      const summary = anonymisedSummary(input(text, { otherNames, familyNames }), TODAY);
      for (const part of parts) assert.ok(!hasWord(summary.text, part), `"${part}" survived in: ${JSON.stringify(summary.text)} from ${JSON.stringify(text)}`);
      // The ordinary words around them are kept (the free text is shown, not dropped).
      assert.equal(freeTextLines(summary).length, 3);
    }),
    { numRuns: 200 },
  );
});
