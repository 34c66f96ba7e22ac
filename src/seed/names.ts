/**
 * Word lists for the synthetic demo authority. First names and surnames are common ones of varied
 * heritage, combined at random, so no record describes a real person. Places, streets and postcode
 * areas are invented: every postcode area ends in "Q" as its second letter, which no real UK
 * postcode area does, while keeping the valid outward/inward format (for example "NQ4 7DX").
 */

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

/** Invented street names: a first part and a kind of road, combined at random. */
export const STREET_FIRST = [
  'Larkspur', 'Millbrook', 'Foundry', 'Ashgrove', 'Kestrel', 'Linnet', 'Tannery', 'Weavers', 'Holmfield', 'Copperbeech',
  'Saltings', 'Bramblewood', 'Ropewalk', 'Marlpit', 'Sandpiper', 'Chantry', 'Orchard', 'Wharf', 'Heron', 'Quarry',
  'Thistle', 'Fernlea', 'Cobble', 'Lanthorn', 'Mayfly', 'Rookery', 'Spinney', 'Tollgate', 'Wagtail', 'Ironbridge',
  'Goosecroft', 'Hazelmere', 'Kingfisher', 'Lowfield', 'Netherby', 'Oakapple', 'Pennyfield', 'Reedmace', 'Starling', 'Willowherb',
] as const;
export const STREET_KIND = ['Road', 'Street', 'Close', 'Avenue', 'Lane', 'Way', 'Crescent', 'Grove', 'Drive', 'Terrace', 'Walk', 'Gardens', 'Court', 'Row'] as const;

/** Districts of the fictional city of Northbridge (address line 2). */
export const NORTHBRIDGE_DISTRICTS = [
  'Ashcombe', 'Brackenwood', 'Canal Side', 'Eastgate', 'Fenwick Vale', 'Hollins Cross', 'Kiln Hill', 'Marsh End', 'Old Town', 'Rowanby', 'Saltmarsh Green', 'Upper Wendle',
] as const;

/** The fictional local authorities and their invented postcode areas ("?Q" is never a real area). */
/** ofstedUrn: its fostering service's invented Ofsted URN (same "SC9" form as the agencies'). */
export const HOME_AUTHORITY = { name: 'Northbridge City Council', laCode: '990', town: 'Northbridge', postcodeArea: 'NQ', emailDomain: 'northbridge.gov.test', ofstedUrn: 'SC990001' } as const;

export const OTHER_AUTHORITIES = [
  { name: 'Kestleford Borough Council', laCode: '991', town: 'Kestleford', postcodeArea: 'KQ', emailDomain: 'kestleford.gov.test' },
  { name: 'Eastmere County Council', laCode: '992', town: 'Eastmere', postcodeArea: 'EQ', emailDomain: 'eastmere.gov.test' },
  { name: 'Ravensholme Metropolitan Borough Council', laCode: '993', town: 'Ravensholme', postcodeArea: 'RQ', emailDomain: 'ravensholme.gov.test' },
  { name: 'Caldermoor Council', laCode: '994', town: 'Caldermoor', postcodeArea: 'CQ', emailDomain: 'caldermoor.gov.test' },
] as const;

/** Independent fostering agencies; Ofsted URNs are invented ("SC9" + 5 digits); provider code PR4 (private) or PR5 (voluntary). */
export const AGENCIES = [
  { name: 'Brightwater Fostering', ofstedUrn: 'SC904417', providerCode: 'PR4', emailDomain: 'brightwater-fostering.test' },
  { name: 'Harbour Lights Family Placements', ofstedUrn: 'SC918263', providerCode: 'PR5', emailDomain: 'harbourlights.test' },
  { name: 'Oakheart Foster Care', ofstedUrn: 'SC927051', providerCode: 'PR4', emailDomain: 'oakheart.test' },
] as const;

/** Letters allowed in the inward code of a UK postcode (not C, I, K, M, O or V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
