/**
 * Word lists for the synthetic demo authority. First names and surnames are common ones of varied
 * heritage, combined at random, so no record describes a real person. The authority and its
 * neighbours are real (South Gloucestershire and the authorities around it, their names marked
 * "(demo)"), and so are the postcodes and place names of their addresses (./postcodes-data.ts);
 * street names and school names are invented.
 */
import { DEMO_POSTCODES, type DemoAreaCode } from './postcodes-data.ts';

export type Heritage =
  | 'british'
  | 'irish'
  | 'eastern_european'
  | 'caribbean'
  | 'west_african'
  | 'east_african'
  | 'indian'
  | 'pakistani'
  | 'bangladeshi'
  | 'chinese'
  | 'middle_eastern';

export type NamePool = { female: readonly string[]; male: readonly string[]; surnames: readonly string[] };

export const NAMES: Record<Heritage, NamePool> = {
  british: {
    female: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Freya', 'Poppy', 'Evie', 'Grace', 'Ella', 'Sophie', 'Ruby', 'Daisy', 'Chloe', 'Jessica', 'Megan', 'Holly', 'Lucy', 'Phoebe', 'Emily', 'Harriet', 'Maisie', 'Rosie', 'Eleanor', 'Charlotte', 'Hannah', 'Rebecca', 'Leah', 'Kayleigh', 'Bethany', 'Jade', 'Courtney', 'Paige', 'Tilly', 'Willow', 'Florence', 'Elsie', 'Matilda'],
    male: ['Oliver', 'George', 'Noah', 'Arthur', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry', 'Jack', 'Charlie', 'Freddie', 'Alfie', 'Thomas', 'Joshua', 'James', 'William', 'Jacob', 'Riley', 'Tyler', 'Kyle', 'Callum', 'Liam', 'Ethan', 'Mason', 'Logan', 'Finley', 'Reece', 'Lewis', 'Jayden', 'Harvey', 'Ben', 'Sam', 'Toby', 'Dylan', 'Max', 'Ryan', 'Connor', 'Jamie', 'Owen'],
    surnames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Harrison', 'Cooper', 'Ward', 'Turner', 'Hughes', 'Edwards', 'Hill', 'Moore', 'Clayton', 'Marsden', 'Pickering', 'Holloway', 'Fletcher', 'Bradshaw', 'Whitaker', 'Ashworth', 'Barlow', 'Lockwood', 'Dawson', 'Sutcliffe', 'Hargreaves', 'Kendall', 'Pearson', 'Shaw', 'Booth', 'Rowley', 'Mellor', 'Stanton', 'Tranter', 'Brindley'],
  },
  irish: {
    female: ['Aoife', 'Niamh', 'Ciara', 'Saoirse', 'Roisin', 'Siobhan', 'Caoimhe', 'Orla', 'Mary', 'Bridget', 'Shannon', 'Erin', 'Maeve', 'Kathleen'],
    male: ['Sean', 'Patrick', 'Cian', 'Oisin', 'Darragh', 'Conor', 'Eoin', 'Ronan', 'Declan', 'Michael', 'John', 'Martin', 'Tadhg', 'Padraig'],
    surnames: ['Murphy', 'Kelly', "O'Sullivan", 'Walsh', 'Byrne', 'Ryan', "O'Brien", 'Doyle', 'McCarthy', 'Gallagher', "O'Connor", 'Quinn', 'McDonagh', 'Ward', 'Connors', 'Maughan', 'Joyce', 'Keenan'],
  },
  eastern_european: {
    female: ['Zuzanna', 'Julia', 'Maja', 'Natalia', 'Alicja', 'Oliwia', 'Andreea', 'Ioana', 'Elena', 'Daria', 'Viktoria', 'Kristina', 'Agnieszka', 'Milena', 'Lenka', 'Ana'],
    male: ['Jakub', 'Kacper', 'Szymon', 'Filip', 'Mateusz', 'Andrei', 'Stefan', 'Mihai', 'Luka', 'Marek', 'Tomas', 'Dominik', 'Nikola', 'Adrian', 'Lukas', 'Petr'],
    surnames: ['Nowak', 'Kowalczyk', 'Wisniewski', 'Lewandowski', 'Zielinski', 'Popescu', 'Ionescu', 'Dumitru', 'Novak', 'Horvat', 'Kazlauskas', 'Balogh', 'Petrov', 'Dvorak', 'Lakatos', 'Stoica', 'Marinescu', 'Jankowski'],
  },
  caribbean: {
    female: ['Shanice', 'Tiana', 'Aaliyah', 'Keisha', 'Jada', 'Nia', 'Simone', 'Tanisha', 'Chantelle', 'Latoya', 'Renee', 'Amani', 'Kiara', 'Naomi'],
    male: ['Tyrone', 'Jermaine', 'Marcus', 'Andre', 'Dwayne', 'Kofi', 'Leon', 'Malik', 'Jerome', 'Curtis', 'Delroy', 'Isaiah', 'Kai', 'Elijah'],
    surnames: ['Campbell', 'Brown', 'Francis', 'Grant', 'Bailey', 'Henry', 'Thomas', 'Samuels', 'Morgan', 'Reid', 'Spencer', 'Clarke', 'Gayle', 'McKenzie', 'Beckford', 'Lindo', 'Forbes', 'Powell'],
  },
  west_african: {
    female: ['Adaeze', 'Chiamaka', 'Ama', 'Abena', 'Efua', 'Ngozi', 'Funmilayo', 'Temitope', 'Blessing', 'Precious', 'Esther', 'Mariama', 'Fatoumata', 'Ifeoma'],
    male: ['Chinedu', 'Kwame', 'Kofi', 'Emeka', 'Oluwaseun', 'Tobi', 'Yaw', 'Kwabena', 'Ibrahim', 'Samuel', 'Daniel', 'Obinna', 'Femi', 'Tunde'],
    surnames: ['Okafor', 'Adeyemi', 'Mensah', 'Boateng', 'Owusu', 'Okonkwo', 'Adebayo', 'Asante', 'Nwosu', 'Oyelaran', 'Bah', 'Diallo', 'Conteh', 'Sesay', 'Agyeman', 'Eze', 'Babatunde', 'Ansah'],
  },
  east_african: {
    female: ['Hodan', 'Amina', 'Fadumo', 'Sagal', 'Nasra', 'Ayaan', 'Hibaq', 'Filsan', 'Selam', 'Hanna', 'Mekdes', 'Ruth'],
    male: ['Abdi', 'Mohamed', 'Hassan', 'Yusuf', 'Abdirahman', 'Liban', 'Mahad', 'Dawit', 'Yonas', 'Samuel', 'Tesfaye', 'Bilal'],
    surnames: ['Abdi', 'Ali', 'Hassan', 'Warsame', 'Farah', 'Jama', 'Osman', 'Hersi', 'Tesfaye', 'Bekele', 'Haile', 'Gebremedhin', 'Mohamud', 'Yusuf'],
  },
  indian: {
    female: ['Priya', 'Ananya', 'Diya', 'Anika', 'Kavya', 'Simran', 'Harleen', 'Navneet', 'Riya', 'Meera', 'Pooja', 'Jasleen', 'Isha', 'Nisha'],
    male: ['Arjun', 'Rohan', 'Vikram', 'Aarav', 'Harjit', 'Gurpreet', 'Rahul', 'Kiran', 'Sanjay', 'Dev', 'Manpreet', 'Ravi', 'Amrit', 'Nikhil'],
    surnames: ['Patel', 'Sharma', 'Singh', 'Kaur', 'Gill', 'Sandhu', 'Mistry', 'Shah', 'Desai', 'Chauhan', 'Dhillon', 'Bains', 'Joshi', 'Parmar', 'Solanki', 'Rai'],
  },
  pakistani: {
    female: ['Aisha', 'Maryam', 'Zainab', 'Hafsa', 'Khadija', 'Sana', 'Noor', 'Iqra', 'Ayesha', 'Mahnoor', 'Samina', 'Rabia'],
    male: ['Muhammad', 'Ali', 'Hamza', 'Bilal', 'Zain', 'Usman', 'Imran', 'Adnan', 'Faisal', 'Omar', 'Haroon', 'Rehan'],
    surnames: ['Khan', 'Hussain', 'Ahmed', 'Iqbal', 'Akhtar', 'Butt', 'Mahmood', 'Riaz', 'Malik', 'Qureshi', 'Chaudhry', 'Rashid', 'Javed', 'Aslam'],
  },
  bangladeshi: {
    female: ['Fatima', 'Tahmina', 'Sumaiya', 'Nusrat', 'Jannat', 'Ruksana', 'Shirin', 'Taslima', 'Afia', 'Sadia'],
    male: ['Rahim', 'Abdul', 'Shahid', 'Rafiq', 'Mizanur', 'Tanvir', 'Sabbir', 'Jamal', 'Anwar', 'Rashed'],
    surnames: ['Begum', 'Miah', 'Uddin', 'Rahman', 'Islam', 'Chowdhury', 'Hoque', 'Ali', 'Ahmed', 'Khatun', 'Sarkar', 'Talukder'],
  },
  chinese: {
    female: ['Mei', 'Xin', 'Li Na', 'Jia', 'Yan', 'Hui', 'Wen', 'Ling', 'Ying', 'Qing'],
    male: ['Wei', 'Jun', 'Hao', 'Ming', 'Jian', 'Chen', 'Bo', 'Kai', 'Tao', 'Zhi'],
    surnames: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Lam', 'Wong', 'Cheung', 'Ng'],
  },
  middle_eastern: {
    female: ['Layla', 'Yasmin', 'Nour', 'Rania', 'Dilan', 'Shilan', 'Zahra', 'Mina', 'Hana', 'Salma', 'Shirin', 'Leila'],
    male: ['Ahmad', 'Karim', 'Rami', 'Omar', 'Hevi', 'Aram', 'Dara', 'Reza', 'Tariq', 'Yousef', 'Sami', 'Kawa'],
    surnames: ['Haddad', 'Mansour', 'Nasser', 'Karimi', 'Rahimi', 'Ahmadi', 'Saleh', 'Barzani', 'Hosseini', 'Aziz', 'Khalil', 'Darwish', 'Mahmoud', 'Sabri'],
  },
};

/**
 * Short forms some children are known by, for the demo's other names (the child record's
 * nicknames): common ones for common first names, and pet names for anyone else.
 */
export const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  Olivia: ['Liv', 'Livvy'], Amelia: ['Millie', 'Mia'], Isabella: ['Bella'], Charlotte: ['Lottie', 'Charlie'], Eleanor: ['Ellie', 'Nell'],
  Harriet: ['Hattie'], Matilda: ['Tilly', 'Tilda'], Florence: ['Flo', 'Florrie'], Rebecca: ['Becca', 'Becky'], Jessica: ['Jess'],
  Elizabeth: ['Lizzie', 'Beth'], Hannah: ['Han'], Bethany: ['Beth'], Phoebe: ['Phee'], Kathleen: ['Kath', 'Katie'], Bridget: ['Biddy'],
  Oliver: ['Ollie'], George: ['Georgie'], Harry: ['Haz'], Thomas: ['Tom', 'Tommy'], Joshua: ['Josh'], James: ['Jamie', 'Jim'],
  William: ['Will', 'Billy'], Jacob: ['Jake'], Callum: ['Cal'], Alfie: ['Alf'], Freddie: ['Fred'], Archie: ['Arch'], Samuel: ['Sam', 'Sammy'],
  Daniel: ['Dan', 'Danny'], Michael: ['Mikey', 'Mick'], Patrick: ['Paddy'], Muhammad: ['Mo'], Mohamed: ['Mo'], Abdirahman: ['Abdi'],
  Oluwaseun: ['Seun'], Chinedu: ['Chi'], Chiamaka: ['Amaka'], Funmilayo: ['Funmi'], Temitope: ['Tope'], Adaeze: ['Ada'], Ifeoma: ['Ify'],
  Zuzanna: ['Zuza'], Aleksandra: ['Ola'], Natalia: ['Nata'], Agnieszka: ['Aga'], Mateusz: ['Mati'], Jakub: ['Kuba'], Andreea: ['Andi'],
  Viktoria: ['Vika'], Kristina: ['Kristi'], Ananya: ['Anu'], Priya: ['Pri'], Gurpreet: ['Preet'], Manpreet: ['Mani'], Khadija: ['Dija'],
};
export const PET_NAMES = ['Jojo', 'Lulu', 'Kiki', 'Bibi', 'Didi', 'Mimi', 'Coco', 'Bubba', 'Dodo', 'Titi', 'Zaza', 'Pip', 'Jay'] as const;

/** How the relatives recorded on a demo child's record are related to them, besides their parents. */
export const OTHER_RELATIVES = [
  ['maternal grandmother', 'F'], ['maternal grandfather', 'M'], ['paternal grandmother', 'F'], ['paternal grandfather', 'M'],
  ['aunt', 'F'], ['uncle', 'M'], ['adult half-sister', 'F'], ['adult half-brother', 'M'], ['stepfather', 'M'], ['cousin', 'F'],
] as const;

/** Invented street names: a first part and a kind of road, combined at random. */
export const STREET_FIRST = [
  'Larkspur', 'Millbrook', 'Foundry', 'Ashgrove', 'Kestrel', 'Linnet', 'Tannery', 'Weavers', 'Holmfield', 'Copperbeech',
  'Saltings', 'Bramblewood', 'Ropewalk', 'Marlpit', 'Sandpiper', 'Chantry', 'Orchard', 'Wharf', 'Heron', 'Quarry',
  'Thistle', 'Fernlea', 'Cobble', 'Lanthorn', 'Mayfly', 'Rookery', 'Spinney', 'Tollgate', 'Wagtail', 'Ironbridge',
  'Goosecroft', 'Hazelmere', 'Kingfisher', 'Lowfield', 'Netherby', 'Oakapple', 'Pennyfield', 'Reedmace', 'Starling', 'Willowherb',
] as const;
export const STREET_KIND = ['Road', 'Street', 'Close', 'Avenue', 'Lane', 'Way', 'Crescent', 'Grove', 'Drive', 'Terrace', 'Walk', 'Gardens', 'Court', 'Row'] as const;

/** Invented school names ("Hazelmere Primary School"): the demo names no real school. */
export const SCHOOL_NAMES = ['Larkspur', 'Hazelmere', 'Netherby', 'Pennyfield', 'Copperbeech', 'Holmfield', 'Bramblewood', 'Lowfield', 'Goosecroft', 'Reedmace', 'Wagtail', 'Linnet'] as const;

/**
 * The demo authority: South Gloucestershire Council, DfE LA code 803, ONS code E06000025 (both as
 * published by the DfE and the ONS; sources in docs/data-sources.md). The name says "(demo)": its
 * staff, children and carers are synthetic. ofstedUrn: its fostering service's invented Ofsted URN
 * (the "SC9" form of the agencies' ones below, which no real service has).
 */
export const HOME_AUTHORITY = { name: 'South Gloucestershire Council (demo)', laCode: '803', onsCode: 'E06000025', emailDomain: 'southglos.gov.test', ofstedUrn: 'SC990001' } as const;

/** Its neighbours, whose children may be placed with its carers and whose area holds some agency carers. */
export const OTHER_AUTHORITIES = [
  { name: 'Bristol City Council (demo)', laCode: '801', onsCode: 'E06000023', emailDomain: 'bristol.gov.test' },
  { name: 'Bath and North East Somerset Council (demo)', laCode: '800', onsCode: 'E06000022', emailDomain: 'bathnes.gov.test' },
  { name: 'North Somerset Council (demo)', laCode: '802', onsCode: 'E06000024', emailDomain: 'n-somerset.gov.test' },
  { name: 'Gloucestershire County Council (demo)', laCode: '916', onsCode: 'E10000013', emailDomain: 'gloucestershire.gov.test' },
  { name: 'Wiltshire Council (demo)', laCode: '865', onsCode: 'E06000054', emailDomain: 'wiltshire.gov.test' },
] as const;

/**
 * The town or village of each postcode sector (or a narrower prefix) in ./postcodes-data.ts, by
 * authority; the longest matching prefix wins. Approximate, as an address's locality is: the
 * nearest well-known place.
 */
const LOCALITIES: Readonly<Record<DemoAreaCode, Readonly<Record<string, string>>>> = {
  E06000025: {
    'BS15 3': 'Hanham', 'BS15 4': 'Kingswood', 'BS16 2': 'Frenchay', 'BS16 6': 'Downend', 'BS16 7': 'Emersons Green', 'BS16 9': 'Mangotsfield',
    'BS16 9AF': 'Staple Hill', 'BS16 9BF': 'Pucklechurch', 'BS30 9': 'Longwell Green', 'BS30 9P': 'Oldland Common', 'BS30 9Q': 'Oldland Common',
    'BS30 9R': 'Oldland Common', 'BS30 9S': 'Oldland Common', 'BS30 9T': 'Oldland Common', 'BS32 4': 'Almondsbury', 'BS32 8': 'Bradley Stoke',
    'BS32 9': 'Bradley Stoke', 'BS34 6': 'Patchway', 'BS34 7': 'Filton', 'BS35 1': 'Thornbury', 'BS35 1P': 'Oldbury-on-Severn',
    'BS35 1Q': 'Oldbury-on-Severn', 'BS35 1R': 'Oldbury-on-Severn', 'BS35 1PH': 'Thornbury', 'BS35 1RA': 'Thornbury',
    'BS35 1RD': 'Thornbury', 'BS35 1RE': 'Thornbury', 'BS35 5': 'Easter Compton', 'BS36 1': 'Winterbourne', 'BS37 5': 'Yate',
    'BS37 6': 'Chipping Sodbury', 'BS37 8': 'Yate', 'BS37 9': 'Iron Acton', 'GL12 8': 'Wickwar', 'GL12 8A': 'Cromhall', 'GL12 8B': 'Cromhall',
    'GL12 8D': 'Falfield', 'GL12 8E': 'Falfield', 'GL12 8H': 'Charfield', 'GL12 8Q': 'Tytherington', 'SN14 8': 'Marshfield',
    'SN14 8JR': 'Cold Ashton', 'SN14 8JS': 'Cold Ashton', 'SN14 8JX': 'Cold Ashton', 'SN14 8LA': 'Cold Ashton', 'SN14 8LB': 'Cold Ashton',
    'SN14 8LF': 'Cold Ashton',
  },
  E06000023: { 'BS7 8': 'Horfield', 'BS7 9': 'Bishopston', 'BS16': 'Fishponds' },
  E06000022: { BA1: 'Bath', BS31: 'Keynsham', BS39: 'Pensford' },
  E06000024: { BS21: 'Clevedon' },
  E10000013: { GL12: 'Wotton-under-Edge' },
  E06000054: { 'SN14 8': 'Colerne', 'SN14 8R': 'Ford', SN15: 'Chippenham' },
};

/** The town or village of a postcode of the demo area ("BS37 5TA" → "Yate"). */
export function localityOf(postcode: string, area: DemoAreaCode): string {
  const prefixes = Object.entries(LOCALITIES[area]).filter(([prefix]) => postcode.startsWith(prefix));
  const best = prefixes.sort((a, b) => b[0].length - a[0].length)[0];
  if (!best) throw new Error(`no locality for ${postcode} in ${area}`);
  return best[1];
}

/**
 * The real postcodes of an authority's area, split in two: every third one for where children lived
 * before care, the rest for where foster carers live (and schools are). The two never share a
 * postcode, so a child's home postcode is never their placement's (SSDA903 rule 392d).
 */
export function familyPostcodes(area: DemoAreaCode): readonly string[] {
  return DEMO_POSTCODES[area].filter((_, i) => i % 3 === 0).map(([postcode]) => postcode);
}
export function householdPostcodes(area: DemoAreaCode): readonly string[] {
  return DEMO_POSTCODES[area].filter((_, i) => i % 3 !== 0).map(([postcode]) => postcode);
}

/** Independent fostering agencies; Ofsted URNs are invented ("SC9" + 5 digits); provider code PR4 (private) or PR5 (voluntary). */
export const AGENCIES = [
  { name: 'Brightwater Fostering', ofstedUrn: 'SC904417', providerCode: 'PR4', emailDomain: 'brightwater-fostering.test' },
  { name: 'Harbour Lights Family Placements', ofstedUrn: 'SC918263', providerCode: 'PR5', emailDomain: 'harbourlights.test' },
  { name: 'Oakheart Foster Care', ofstedUrn: 'SC927051', providerCode: 'PR4', emailDomain: 'oakheart.test' },
] as const;
