/**
 * Property-based tests: random names, dates of birth, postcodes, phone, NHS, National Insurance and
 * UPN numbers, e-mail addresses, schools and street addresses, written in random ways and planted at
 * random positions in random ordinary text. The ordinary text has no digits and no "@", so after redaction there must be none
 * left, and no part of any name may remain as a word.
 *
 * The date formats here are written independently of the patterns in patterns.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { addDays } from '../dates.ts';
import { redact, type Identifiers } from './redact.ts';

const VOCABULARY = [
  'the', 'child', 'likes', 'school', 'football', 'and', 'her', 'his', 'brother', 'sister', 'she', 'he', 'is', 'settled', 'with',
  'carers', 'needs', 'support', 'at', 'night', 'enjoys', 'drawing', 'music', 'swimming', 'visits', 'contact', 'weekly', 'mum',
  'dad', 'worried', 'about', 'moving', 'again', 'home', 'garden', 'dog', 'cat', 'quiet', 'friends', 'teacher', 'reading',
  'maths', 'sleep', 'food', 'wants', 'to', 'stay', 'near', 'family', 'calm', 'anxious', 'when', 'routine', 'changes',
  // ordinary words that are also month names, street words or name particles
  'may', 'will', 'march', 'close', 'drive', 'court', 'way', 'lane', 'van', 'de', 'grove', 'green', 'park',
];
const SEPARATORS = [' ', '  ', '\n', ', ', '. ', '; ', ' - ', '\n\n', ' ('];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first', 'twenty-second', 'twenty-third', 'twenty-fourth', 'twenty-fifth', 'twenty-sixth', 'twenty-seventh', 'twenty-eighth', 'twenty-ninth', 'thirtieth', 'thirty-first'];

const letters = (min: number, max: number, from = 'abcdefghijklmnopqrstuvwxyz') => fc.array(fc.constantFrom(...from), { minLength: min, maxLength: max }).map((xs) => xs.join(''));
const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((xs) => xs.join(''));
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** A person's name and the ways it might be written in a note. */
type Person = { first: string; last: string; parts: string[]; forms: string[] };

const namePart = letters(2, 9).map(capitalise);
const surname = fc.oneof(
  namePart.map((p) => ({ written: p, parts: [p], variants: [p] })),
  fc.tuple(namePart, namePart).map(([a, b]) => ({ written: `${a}-${b}`, parts: [a, b], variants: [`${a}-${b}`, `${a}–${b}`, `${a} ${b}`, `${a}${b}`] })),
  letters(3, 8).map((p) => {
    const rest = capitalise(p);
    return { written: `O'${rest}`, parts: [rest], variants: [`O'${rest}`, `O’${rest}`, `O${rest}`, `O ${rest}`] };
  }),
);

const person: fc.Arbitrary<Person> = fc.tuple(namePart, surname).map(([first, last]) => ({
  first,
  last: last.written,
  parts: [first, ...last.parts, ...last.variants.filter((v) => !/[\s'’–-]/.test(v))],
  forms: [first, ...last.variants, `${first} ${last.variants[0]}`, `${first}\n${last.written}`],
}));

/** A written form in some case, perhaps possessive. */
const writtenForm = (p: Person) =>
  fc.tuple(fc.constantFrom(...p.forms), fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toUpperCase(), (s) => s.toLowerCase()), fc.constantFrom('', "'s", '’s', 's')).map(([f, c, suffix]) => c(f) + suffix);

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const isoDate = fc.integer({ min: 0, max: 365 * 35 }).map((n) => addDays('1990-01-01', n));

const ordinalSuffix = (d: number) => (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');

/** Every way the tests write a date; the ones without a year only for a known date of birth. */
function dateWritings(iso: string): { full: string[]; partial: string[] } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  const yy = String(y).slice(2);
  const month = MONTHS[m - 1]!;
  const mon = month.slice(0, 3);
  const nth = `${d}${ordinalSuffix(d)}`;
  return {
    full: [
      iso, `${dd}/${mm}/${y}`, `${d}/${m}/${y}`, `${dd}-${mm}-${y}`, `${d}.${m}.${yy}`, `${dd}/${mm}/${yy}`, `${y}/${mm}/${dd}`,
      `${d} ${month} ${y}`, `${nth} ${month} ${y}`, `${nth} of ${month}, ${y}`, `${month} ${nth} ${y}`, `${month} ${d}, ${y}`,
      `${d} ${mon} ${y}`, `${d}-${mon}-${y}`, `${nth} ${month.toUpperCase()} ${y}`, `${month} ${nth}`, `${nth} ${month}`, `the ${ORDINALS[d - 1]} of ${month}`,
    ],
    partial: [`${y}${mm}${dd}`, `${dd}${mm}${y}`, `${month} ${y}`, `${mon} ${y}`, `${month.toLowerCase()} ${nth}`, `${mm}/${y}`, `${dd}/${mm}`, `${d}/${m}`, `${d} ${month.toLowerCase()}`],
  };
}

// ---------------------------------------------------------------------------------------------
// Other identifiers
// ---------------------------------------------------------------------------------------------

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const postcode = fc
  .tuple(letters(1, 2, UPPER), digits(1), fc.constantFrom('', ...'0123456789', ...'ABCDEHJKMNPRSTUVWXY'), digits(1), letters(2, 2, 'ABDEFGHJLNPQRSTUWXYZ'))
  .chain(([area, district, extra, sector, unit]) =>
    fc.constantFrom(`${area}${district}${extra} ${sector}${unit}`, `${area}${district}${extra}${sector}${unit}`, `${area}${district}${extra} ${sector}${unit}`.toLowerCase(), `${area}${district}${extra}  ${sector}${unit}`),
  );
const phone = fc.tuple(digits(3), digits(6)).chain(([a, b]) => fc.constantFrom(`07${a} ${b}`, `07${a}${b}`, `+44 7${a} ${b}`, `(07${a}) ${b.slice(0, 3)} ${b.slice(3)}`, `07${a}-${b}`));
const nhsNumber = digits(10).chain((n) => fc.constantFrom(`${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, n, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`));
const niNumber = fc.tuple(letters(2, 2, UPPER), digits(6), fc.constantFrom('A', 'B', 'C', 'D')).chain(([p, n, s]) => fc.constantFrom(`${p}${n}${s}`, `${p} ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)} ${s}`, `${p}${n}${s}`.toLowerCase()));
const upn = fc.tuple(letters(1, 1, UPPER), digits(11), fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUVWXYZ')).map(([l, n, last]) => `${l}${n}${last}`);
const email = fc.tuple(letters(1, 8), fc.constantFrom('', '.', '_', '+'), letters(0, 6), digits(2), letters(2, 10), fc.constantFrom('com', 'co.uk', 'org', 'net')).map(([a, sep, b, n, domain, tld]) => `${a}${sep}${b}${n}@${domain}.${tld}`);

/** A school and a home address the caller lists, each written in a random way, and an address nobody listed. */
const SCHOOL_KINDS = ['Primary School', 'Academy', 'Church of England Primary', 'High School', 'Nursery'];
const STREETS = ['Road', 'Street', 'Avenue', 'Lane', 'Crescent', 'Grove', 'Gardens', 'Terrace', 'Close', 'Way', 'Drive', 'Court'];
const places = fc
  .record({
    schoolWord: letters(4, 10).map(capitalise),
    schoolKind: fc.constantFrom(...SCHOOL_KINDS),
    houseNumber: fc.integer({ min: 1, max: 999 }),
    streetWord: letters(4, 10).map(capitalise),
    street: fc.constantFrom(...STREETS),
    unlistedNumber: fc.integer({ min: 1, max: 999 }),
    // not an ordinary word of the note: nobody listed it, so only the address pattern removes it
    unlistedWord: letters(4, 10)
      .filter((w) => !VOCABULARY.some((v) => v === w || v === `${w}s`))
      .map(capitalise),
    unlistedStreet: fc.constantFrom(...STREETS),
  })
  .chain((p) => {
    const school = `${p.schoolWord} ${p.schoolKind}`;
    const address = `${p.houseNumber} ${p.streetWord} ${p.street}`;
    return fc
      .tuple(
        fc.constantFrom(school, school.toUpperCase(), school.toLowerCase(), p.schoolWord, `${p.schoolWord}’s`),
        fc.constantFrom(address, address.toLowerCase(), `${p.houseNumber}, ${p.streetWord} ${p.street}`, `${p.streetWord} ${p.street}`, p.streetWord),
        fc.constantFrom(`${p.unlistedNumber} ${p.unlistedWord} ${p.unlistedStreet}`, `${p.unlistedNumber}a ${p.unlistedWord} ${p.unlistedStreet}`),
      )
      .map(([schoolForm, addressForm, unlisted]) => ({ school, address, forms: [schoolForm, addressForm, unlisted], words: [p.schoolWord, p.streetWord, p.unlistedWord] }));
  });

// ---------------------------------------------------------------------------------------------
// A note with everything planted in it
// ---------------------------------------------------------------------------------------------

type Planted = { text: string; identifiers: Identifiers; names: Person[]; phrasesWithoutDigits: string[]; placeWords: string[] };

const plantedNote: fc.Arbitrary<Planted> = fc
  .record({
    child: person,
    parent: person,
    dob: isoDate,
    otherDate: isoDate,
    filler: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 40 }),
    extras: fc.array(fc.oneof(postcode, phone, nhsNumber, niNumber, upn, email), { minLength: 0, maxLength: 6 }),
    place: places,
  })
  .chain(({ child, parent, dob, otherDate, filler, extras, place }) => {
    const dobWritings = dateWritings(dob);
    const items = fc.tuple(
      fc.array(writtenForm(child), { minLength: 1, maxLength: 4 }),
      fc.array(writtenForm(parent), { minLength: 1, maxLength: 3 }),
      fc.subarray([...dobWritings.full, ...dobWritings.partial], { minLength: 1, maxLength: 4 }),
      fc.constantFrom(...dateWritings(otherDate).full.slice(0, 15)),
    );
    return items.chain(([childForms, parentForms, dobForms, otherDateForm]) => {
      const pieces = [...filler, ...childForms, ...parentForms, ...dobForms, otherDateForm, ...extras, ...place.forms];
      return fc.tuple(fc.shuffledSubarray(pieces, { minLength: pieces.length, maxLength: pieces.length }), fc.array(fc.constantFrom(...SEPARATORS), { minLength: pieces.length, maxLength: pieces.length })).map(([order, seps]) => ({
        text: order.map((p, i) => `${p}${seps[i]}`).join(''),
        identifiers: { names: [`${child.first} ${child.last}`, `${parent.first} ${parent.last}`], dates: [dob], phrases: [place.school, place.address] },
        names: [child, parent],
        phrasesWithoutDigits: [...dobForms, otherDateForm].filter((f) => !/\d/.test(f)),
        placeWords: place.words,
      }));
    });
  });

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
/** Whether `word` appears in `text` as a whole word, ignoring case (a plain search, then a look at its neighbours). */
function hasWord(text: string, word: string): boolean {
  const t = text.toLowerCase();
  const w = word.toLowerCase();
  for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + 1)) {
    const before = i > 0 ? t.charAt(i - 1) : ' ';
    const after = i + w.length < t.length ? t.charAt(i + w.length) : ' ';
    if (!LETTER_OR_DIGIT.test(before) && !LETTER_OR_DIGIT.test(after)) return true;
  }
  return false;
}

test('property: nothing planted survives: no digit, no "@", no part of a name, no written date, no school or street', () => {
  fc.assert(
    fc.property(plantedNote, ({ text, identifiers, names, phrasesWithoutDigits, placeWords }) => {
      const out = redact(text, identifiers);
      assert.ok(!/\d/.test(out), `a digit survived in: ${JSON.stringify(out)} from ${JSON.stringify(text)}`);
      assert.ok(!out.includes('@'), `an e-mail address survived in: ${out}`);
      for (const p of names) for (const part of p.parts) assert.ok(!hasWord(out, part), `"${part}" survived in: ${JSON.stringify(out)} from ${JSON.stringify(text)}`);
      for (const phrase of phrasesWithoutDigits) assert.ok(!out.toLowerCase().includes(phrase.toLowerCase()), `"${phrase}" survived in: ${out}`);
      for (const word of placeWords) assert.ok(!hasWord(out, word), `"${word}" survived in: ${JSON.stringify(out)} from ${JSON.stringify(text)}`);
    }),
    { numRuns: 400 },
  );
});

test('property: redacting is idempotent, and every marker replaces something', () => {
  fc.assert(
    fc.property(plantedNote, ({ text, identifiers }) => {
      const once = redact(text, identifiers);
      assert.equal(redact(once, identifiers), once);
      assert.ok(once.length <= text.length + '[removed]'.length * 20);
    }),
    { numRuns: 200 },
  );
});

test('the whole-word check used by these properties is itself right', () => {
  assert.equal(hasWord('the Abc’s dog', 'abc'), true);
  assert.equal(hasWord('Abc', 'abc'), true);
  assert.equal(hasWord('the Abcd dog and xabc', 'abc'), false);
  assert.equal(hasWord('[removed] dog', 'removed'), true);
});

test('property: ordinary text with no identifiers in it comes back unchanged, whatever names and dates are listed', () => {
  const vocabulary = new Set(VOCABULARY);
  const unrelated = (p: Person) => p.parts.every((part) => ![...vocabulary].some((w) => w === part.toLowerCase() || w === `${part.toLowerCase()}s`));
  fc.assert(
    fc.property(
      fc.array(person, { minLength: 1, maxLength: 3 }).filter((ps) => ps.every(unrelated)),
      fc.array(isoDate, { maxLength: 3 }),
      fc.array(postcode, { maxLength: 2 }),
      fc.array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...SEPARATORS)).map(([w, s]) => w + s), { minLength: 1, maxLength: 60 }),
      (people, dates, postcodes, words) => {
        const text = words.join('');
        assert.equal(redact(text, { names: people.map((p) => `${p.first} ${p.last}`), dates, phrases: postcodes }), text);
      },
    ),
    { numRuns: 300 },
  );
});
