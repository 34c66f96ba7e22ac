import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTION_MARKER, redact, redactor } from './redact.ts';

const R = REDACTION_MARKER;

/** Asserts that `needle` is nowhere in `haystack`, ignoring case. */
function absent(haystack: string, needle: string, context = '') {
  assert.ok(!haystack.toLowerCase().includes(needle.toLowerCase()), `"${needle}" leaked in: ${haystack} ${context}`);
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

test('a name is removed in any case, whole and part by part, with possessives and plurals', () => {
  const ids = { names: ['Tallulah Okonkwo'] };
  assert.equal(redact('Tallulah Okonkwo went home.', ids), `${R} went home.`);
  assert.equal(redact('TALLULAH said tallulah and tAlLuLaH.', ids), `${R} said ${R} and ${R}.`);
  assert.equal(redact("Tallulah's bag and Okonkwo’s coat", ids), `${R} bag and ${R} coat`);
  assert.equal(redact('The Okonkwos visited; Okonkwo’ house.', ids), `The ${R} visited; ${R} house.`);
  assert.equal(redact("The Okonkwos' car and the OKONKWOS’ dog", ids), `The ${R} car and the ${R} dog`);
  assert.equal(redact('Ms Okonkwo rang.', ids), `Ms ${R} rang.`);
});

test('a name split over several spaces or a line break is still found, and neighbouring markers merge into one', () => {
  const ids = { names: ['Tallulah Okonkwo'] };
  assert.equal(redact('Tallulah   Okonkwo', ids), R);
  assert.equal(redact('Tallulah\nOkonkwo\n\nis nine', ids), `${R}\n\nis nine`);
  assert.equal(redact('Okonkwo, Tallulah', ids), `${R}, ${R}`);
});

test('a name is a whole word: "Sam" is not removed from "Samuel", "same" or "Samsung"; possessive and plural forms are', () => {
  const ids = { names: ['Sam'] };
  assert.equal(redact('Samuel is the same age and has a Samsung phone.', ids), 'Samuel is the same age and has a Samsung phone.');
  assert.equal(redact("Sam, Sam's, Sams, SAM'S, (Sam), Sam-", ids), `${R}, ${R}, ${R}, ${R}, (${R}), ${R}-`);
  assert.equal(redact('Al is also here; Ann will announce it.', { names: ['Al', 'Ann'] }), `${R} is also here; ${R} will announce it.`);
});

test("apostrophes in names match straight, curly, missing or as a space: O'Brien", () => {
  const ids = { names: ["Desmond O'Brien"] };
  for (const written of ["O'Brien", 'O’Brien', 'OBrien', 'O Brien', 'obrien', "O'BRIEN's", 'O‘Brien', 'O`Brien']) {
    assert.equal(redact(`met ${written} today`, ids), `met ${R} today`, written);
  }
  // The part after the apostrophe, if at least three letters, is a name part on its own.
  assert.equal(redact('Mr Brien', ids), `Mr ${R}`);
});

test('hyphenated names match whole, with any dash or a space, and each half on its own', () => {
  const ids = { names: ['Smith-Jones'] };
  for (const written of ['Smith-Jones', 'Smith–Jones', 'Smith — Jones', 'Smith Jones', 'SmithJones', 'smith-jones’s']) {
    assert.equal(redact(`the ${written} family`, ids), `the ${R} family`, written);
  }
  assert.equal(redact('Mrs Jones and Mr Smith', ids), `Mrs ${R} and Mr ${R}`);
});

test('accents do not hide a name: Zoë = Zoe = ZOË, and the text keeps its own accents elsewhere', () => {
  const ids = { names: ['Zoë Łukasiewicz'] };
  assert.equal(redact('Zoe, ZOË, zoë and Zoe\u0308 met Lukasiewicz at the café.', ids), `${R}, ${R}, ${R} and ${R} met ${R} at the café.`);
  assert.equal(redact('José saw Jose', { names: ['Jose'] }), `${R} saw ${R}`);
  assert.equal(redact('Mr Strauss, Mr STRAUSS and Mr Strauß', { names: ['Strauß'] }), `Mr ${R}, Mr ${R} and Mr ${R}`);
  // A combining mark after a name is removed with it, and one inside a longer word keeps it a longer word.
  assert.equal(redact('Zoe\u0301 and Zoe\u0301y', { names: ['Zoe'] }), `${R} and Zoe\u0301y`);
});

test('names next to other scripts, emoji and punctuation are found, and text around them is kept exactly', () => {
  const ids = { names: ['Amara'] };
  assert.equal(redact('😀Amara😀 «Amara» (Amara) Amara.', ids), `😀${R}😀 «${R}» (${R}) ${R}.`);
  assert.equal(redact('Амара and Amaraб', ids), 'Амара and Amaraб');
});

test('lower-case particles are removed within the whole name but not on their own; single initials are not removed', () => {
  const ids = { names: ['Pieter van der Berg'] };
  assert.equal(redact('Pieter van der Berg drove a van.', ids), `${R} drove a van.`);
  assert.equal(redact('Mr Berg', ids), `Mr ${R}`);
  assert.equal(redact('J Smith and I went', { names: ['J Smith'] }), `${R} and I went`);
  assert.equal(redact('J. said I would', { names: ['J Smith'] }), 'J. said I would');
});

test('a name that is also an ordinary word is removed everywhere: over-redaction is preferred to a leak', () => {
  const ids = { names: ['May'] };
  assert.equal(redact('May said she may come in May 2026.', ids), `${R} said she ${R} come in ${R} 2026.`);
  assert.equal(redact('Hope has hope.', { names: ['Hope'] }), `${R} has ${R}.`);
});

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const DOB = '2015-04-03';
const DOB_FORMS = [
  '2015-04-03',
  '03/04/2015',
  '3/4/2015',
  '03-04-2015',
  '3-4-15',
  '03.04.15',
  '03 04 2015',
  '04/03/2015',
  '2015/04/03',
  '20150403',
  '03042015',
  '3 April 2015',
  '3rd April 2015',
  '3rd of April, 2015',
  'the 3rd of April',
  'the third of April',
  'April the third',
  'April 3rd, 2015',
  'April 3, 2015',
  'Apr 3rd',
  '3-Apr-2015',
  '03 APR 15',
  'april 3rd',
  '3rd April',
  'April 2015',
  "April '15",
  'Apr-15',
  '04/2015',
  '2015-04',
  '3/4',
  '03-04',
];

test('a known date of birth is removed in every form: numeric, written, with or without the year, and as month and year', () => {
  const clean = redactor({ dates: [DOB] });
  for (const form of DOB_FORMS) {
    const out = clean(`DOB ${form}. Next`);
    assert.equal(out, `DOB ${R}. Next`, form);
  }
});

test('a date of birth run into another number is still found where it can be (found by the property test)', () => {
  assert.equal(redact('may 9 january 19900109 x', { dates: ['1990-01-09'] }), `may ${R} x`);
});

test('a date just after another is removed whole, digits and all, and the text between them is kept', () => {
  // The general date pattern read "7/4. 12" as a date and went on after it, leaving "/01/90".
  assert.equal(redact('7/4. 12/01/90', { dates: ['1997-04-07'] }), `${R}. ${R}`);
  assert.equal(redact('8/5. 21.12.24', { dates: ['2023-05-08'] }), `${R}. ${R}`);
  assert.equal(redact('seen 7/4. 12/01/90 and 3.4.15', {}), `seen 7/4. ${R} and ${R}`);
  // Dates and numbers run together are removed as far as they go.
  assert.equal(redact('7/4/12/01/90 x'), `${R} x`);
  assert.equal(redact('on 12/01/90. 3 of them'), `on ${R}. 3 of them`);
  // The two separators of a numeric date are the same, spaces and all; other numbers stay.
  assert.equal(redact('12 / 06 / 1990, 12. 06. 1990 and 12-06-90'), `${R}, ${R} and ${R}`);
  assert.equal(redact('1.5-10 litres; scored 3-2. 12 went'), '1.5-10 litres; scored 3-2. 12 went');
});

test('other days of the same month are not mistaken for the date of birth', () => {
  const clean = redactor({ dates: [DOB] });
  assert.equal(clean('seen on 13/4 and 30/4, moved in March 2016'), 'seen on 13/4 and 30/4, moved in March 2016');
  assert.equal(clean('In 2015 she moved.'), 'In 2015 she moved.');
});

test('any full date, and any written day and month, is removed whoever it belongs to', () => {
  for (const date of ['12/06/1990', '1.2.03', '2024-11-30', '12 June 1990', '12th June', 'June 12th, 1990', 'the first of March', 'March the first', 'SEPT 5', '5 Sept.']) {
    assert.equal(redact(`on ${date} she`), `on ${R} she`, date);
  }
});

test('a month and year that is not a date of birth is kept, and so are numbers that are not dates', () => {
  const text = 'Moved in March 2024; aged 7, may need help; 3 times a week; Year 6; 2 of 3 sessions; 1.5 hours; KS2.';
  assert.equal(redact(text), text);
});

test('a year written just after "born", "DOB" or "date of birth" is removed, whoever was born', () => {
  assert.equal(redact('She was born in 2015 and Mum was born around 1990.'), `She was born in ${R} and Mum was born around ${R}.`);
  assert.equal(redact('DOB: 2015. Date of birth 2015'), `DOB: ${R}. Date of birth ${R}`);
  assert.equal(redact('She came into care in 2015.'), 'She came into care in 2015.');
});

test('a date that is not an ISO date is refused loudly rather than silently not found', () => {
  assert.throws(() => redact('x', { dates: ['3/4/2015'] }), RangeError);
});

// ---------------------------------------------------------------------------------------------
// General patterns
// ---------------------------------------------------------------------------------------------

test('any UK postcode is removed, with or without the space, in any case', () => {
  for (const pc of ['NE6 1AB', 'ne6 1ab', 'NE61AB', 'SW1A 2AA', 'sw1a2aa', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A  0AX', 'EC1A 1BB']) {
    assert.equal(redact(`lives at ${pc}, near`), `lives at ${R}, near`, pc);
  }
});

test('UPNs and anything shaped like one are removed', () => {
  for (const upn of ['K812345678901', 'k812345678901', 'A12345678901B', 'A 1234 5678 9012', 'A123-4567-89012']) {
    assert.equal(redact(`UPN ${upn} on file`), `UPN ${R} on file`, upn);
  }
});

test('NHS numbers, National Insurance numbers, phone numbers and references are removed', () => {
  for (const id of ['485 777 3456', '4857773456', '485-777-3456', 'QQ 12 34 56 C', 'qq123456c', 'AB123456', '07700 900461', '07700900461', '+44 7700 900461', '+44 (0)191 498 0000', '(0191) 498 0000', '0191-498-0000', 'C123456', 'REF99887', '100200']) {
    assert.equal(redact(`number ${id} here`), `number ${R} here`, id);
  }
  assert.equal(redact('Ring tel: 498 0000 or mobile 4980000.'), `Ring tel: ${R} or mobile ${R}.`);
  // Brackets inside or around a number are never left unmatched.
  assert.equal(redact('call (0191 498 0000) or (0191) 498 0000 or +44 (0)191 498 0000 now'), `call (${R}) or ${R} or ${R} now`);
  assert.equal(redact('surgery (0191 498 0000); and (aged 7)'), `surgery (${R}); and (aged 7)`);
  // As long as possible: an unmatched bracket in the text does not cut a number short (found by the property test).
  assert.equal(redact('lane (9442794662 07806519461 (07149) 797 064 x'), `lane (${R} x`);
});

test('e-mail addresses, web addresses and social media handles are removed', () => {
  assert.equal(redact('Write to lulu.okb+care@example.co.uk or LULU@EXAMPLE.COM.'), `Write to ${R} or ${R}.`);
  assert.equal(redact('See https://example.com/u/lulu?x=1 and www.example.org/lulu'), `See ${R} and ${R}`);
  assert.equal(redact('She follows @lulu_okb.07 on TikTok.'), `She follows ${R} on TikTok.`);
});

test('street addresses are removed: numbered, in any case, named streets and flats', () => {
  assert.equal(redact('She lived at 14 Larkspur Crescent until June.'), `She lived at ${R} until June.`);
  assert.equal(redact('at 12a, Church Road, then 7 old mill lane'), `at ${R}, then ${R}`);
  assert.equal(redact('lives on Acacia Avenue with Nan'), `lives on ${R} with Nan`);
  assert.equal(redact('Flat 2, Wickham Court'), R);
  assert.equal(redact('3 High St. and 4 Mill Road.'), `${R} and ${R}.`);
});

test('ordinary words are not over-redacted by the general patterns', () => {
  const text =
    'Vitamin B12 injections weekly. The Family Court hearing is in March. Year 6, KS2 SATs. She has 2 brothers and walks 3 miles a day; ' +
    'she may drive her brother mad. Stay close to her. Scores 3-2. Uses an iPad 2 hours a day, about 1.5 litres of water.';
  assert.equal(redact(text), text);
});

// ---------------------------------------------------------------------------------------------
// Phrases: schools, address lines, postcodes, references
// ---------------------------------------------------------------------------------------------

test('a phrase is removed whole whatever its spacing, punctuation or case, and by its distinctive words', () => {
  const ids = { phrases: ['Hollybrook Primary School', '12 Larkspur Crescent', 'NE6 1AB'] };
  assert.equal(redact('Goes to hollybrook  primary school.', ids), `Goes to ${R}.`);
  assert.equal(redact('Goes to Hollybrook, and loves Hollybrook’s garden.', ids), `Goes to ${R}, and loves ${R} garden.`);
  assert.equal(redact('12, Larkspur Crescent and 12larkspurcrescent and Larkspur', ids), `${R} and ${R} and ${R}`);
  // The postcode's district on its own, too.
  assert.equal(redact('from the NE6 area', ids), `from the ${R} area`);
  // Generic words of a phrase are not removed on their own.
  assert.equal(redact('a primary school near a crescent', ids), 'a primary school near a crescent');
});

test('e-mail addresses given as phrases are removed whole without removing their common words', () => {
  assert.equal(redact('an example of lulu.okb@example.com', { phrases: ['lulu.okb@example.com'] }), `an example of ${R}`);
});

test('empty, null and one-character identifiers are ignored rather than removing every letter', () => {
  const text = 'a b c I am here';
  assert.equal(redact(text, { names: ['', null, undefined, 'a'], phrases: ['', null, 'c'], dates: [null, undefined] }), text);
});

test('text with nothing to remove comes back unchanged, and redacting twice changes nothing more', () => {
  const text = 'She likes football and drawing.\n\nShe wants to live near her brother.';
  assert.equal(redact(text, { names: ['Tallulah'] }), text);
  const once = redact('Tallulah (born 3/4/2015) lives at NE6 1AB, tel 07700 900461.', { names: ['Tallulah'], dates: [DOB] });
  assert.equal(redact(once, { names: ['Tallulah'], dates: [DOB] }), once);
});

test('the planted-identifier paragraph leaks nothing', () => {
  const ids = {
    names: ['Tallulah Okonkwo-Brennan', 'Lulu', 'Marguerite Fairweather', "Desmond O'Shaughnessy"],
    dates: [DOB],
    phrases: ['Hollybrook Primary School', '14 Larkspur Crescent', 'NE6 1AB', 'K812345678901'],
  };
  const text =
    "Lulu (Tallulah OKONKWO-BRENNAN, DOB 03/04/2015, born 3rd April 2015) lives at 14 Larkspur Crescent, NE6 1AB, with mum Marguerite " +
    "Fairweather (07700 900461, marguerite.f@example.com) and Desmond O’Shaughnessy's dog. She goes to Hollybrook Primary (UPN K812345678901); " +
    'her friend lives at SW1A 2AA.';
  const out = redact(text, ids);
  for (const leak of ['Lulu', 'Tallulah', 'Okonkwo', 'Brennan', '2015', '03/04', 'April', 'Larkspur', 'NE6', '1AB', 'Marguerite', 'Fairweather', '07700', '900461', 'example.com', 'Desmond', 'Shaughnessy', 'Hollybrook', 'K812345678901', 'SW1A', '2AA']) {
    absent(out, leak);
  }
  assert.match(out, /lives at \[removed\]/);
  assert.match(out, /dog\. She goes to \[removed\]/);
});
