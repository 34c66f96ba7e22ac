/**
 * The records of a placement's first weeks, as data: what each one asks, who writes it, and what
 * completing it means for the statutory obligations (src/domain/deadlines).
 *
 * Sources: the Placement planning guidance (the Placement Planning Meeting, the placement plan
 * "Placement Information", care plan, risk assessment, delegated authority) and the Placement
 * stability guidance (child-friendly carer profiles, planned introductions, the meeting confirming
 * delegated authority, the initial support plan). CPPCR 2010 reg 9 and Schedule 2 (placement plan and
 * delegated authority), reg 4 (care plan). See docs/rules/ for each obligation.
 *
 * Every record is kept as a working draft from which numbered versions are issued. Issuing a
 * version is "completing" the record (for the meeting: marking it held), which records the event
 * that completes its obligation.
 */
import type { Role } from '../access/index.ts';
import type { AccessLevel } from '../access/caseload.ts';
import type { ChildEventKind } from '../deadlines/types.ts';

export const PLANNING_KINDS = [
  'carer_profile',
  'introductions',
  'ppm',
  'placement_plan',
  'care_plan',
  'risk_assessment',
  'delegated_authority',
  'support_plan',
  'psm',
] as const;
export type PlanningKind = (typeof PLANNING_KINDS)[number];

export const isPlanningKind = (v: string): v is PlanningKind => (PLANNING_KINDS as readonly string[]).includes(v);

/** One question on a record. `options` for select and radios; 'user' is a member of staff (options given by the page). */
export type FieldSpec = {
  name: string;
  label: string;
  hint?: string;
  type: 'text' | 'textarea' | 'date' | 'select' | 'radios' | 'yesno' | 'user';
  options?: Readonly<Record<string, string>>;
  /** Must be answered before the record can be completed. */
  required?: boolean;
  /** Characters; default 200 for text, 5000 for textarea. */
  max?: number;
  /**
   * The error message when a required answer is missing, where "Enter" or "Select" and the label
   * would not read as a sentence (GOV.UK error messages: "Enter what was discussed about friendships",
   * not "Enter friends"; "Select yes if …" for a question).
   */
  missing?: string;
  /** A text answer that must be a real time of day ("10:30am"). */
  format?: 'time';
};

/** A repeating group: a table of rows (attendees, actions, decisions…). */
export type GroupSpec = {
  name: string;
  label: string;
  hint?: string;
  /** "attendee", "action"… used in messages: "Attendee 2: select their role". */
  itemNoun: string;
  fields: readonly FieldSpec[];
  /** Rows needed to complete the record. */
  minRows?: number;
  /** Most rows a record may hold. */
  maxRows: number;
};

export type SectionSpec = {
  id: string;
  heading: string;
  hint?: string;
  fields?: readonly FieldSpec[];
  group?: GroupSpec;
};

export type KindSpec = {
  kind: PlanningKind;
  /** As a page heading and PDF title. */
  title: string;
  /** Short, for the task list. */
  taskName: string;
  /** Who writes it, in words. */
  writtenBy: string;
  /** Roles who may write and complete it (besides managers, who may always). */
  writers: readonly Role[];
  /** The obligation whose status and due date the task list shows, if there is one. */
  obligationId: string | null;
  /** The event that completing the first version records, and whether it belongs to the placement or the child. */
  event: { kind: ChildEventKind; scope: 'placement' | 'child' } | null;
  /** The content field holding the date the record was completed (the meeting's date…); otherwise the day it is issued. */
  dateField: string | null;
  /** Words on the button that issues a version. */
  completeText: string;
  /** A PDF of each version is filed on the child's record. */
  pdf: boolean;
  /**
   * Each completed version is a meeting of its own (the Placement Support Meeting: a placement can have
   * many), so every version records the event; otherwise only the first does.
   */
  versionIsMeeting?: boolean;
  /** Each version can be recorded as shared (with whom, when). */
  shareable: boolean;
  /** The carers acknowledge each version (the placement plan). */
  acknowledged: boolean;
  sections: readonly SectionSpec[];
};

const MANAGERS: readonly Role[] = ['team_manager', 'head_of_service'];

export const YES_NO: Readonly<Record<string, string>> = { yes: 'Yes', no: 'No' };

export const ATTENDEE_ROLES = {
  foster_carer: 'Foster carer',
  childs_social_worker: "Child's social worker",
  supervising_social_worker: 'Supervising social worker',
  child: 'The child or young person',
  birth_parent: 'Birth parent',
  other_family: 'Other family member',
  virtual_school: 'Virtual School',
  iro: 'Independent reviewing officer',
  other: 'Someone else',
} as const;
export type AttendeeRole = keyof typeof ATTENDEE_ROLES;

export const ATTENDANCE = {
  in_person: 'Attended in person',
  video: 'Attended by video call',
  invited_absent: 'Invited but did not attend',
  not_invited: 'Not invited',
} as const;
export type Attendance = keyof typeof ATTENDANCE;

/** The actions a meeting agrees: each with an owner and a due date, a tracked task once the meeting is held. */
const ACTIONS_GROUP: GroupSpec = {
  name: 'actions',
  label: 'Actions',
  itemNoun: 'action',
  maxRows: 30,
  fields: [
    { name: 'description', label: 'Action', type: 'text', max: 500, required: true, missing: 'Enter the action' },
    { name: 'ownerUserId', label: 'Owner (member of staff)', type: 'user' },
    { name: 'ownerName', label: 'Or owner’s name', hint: 'For example, a foster carer', type: 'text' },
    { name: 'dueOn', label: 'Due date', type: 'date', required: true, missing: 'Enter the due date' },
  ],
};

/** Who was invited to a meeting and who came (the Placement Planning and Placement Support Meetings): at least `minRows` of them. */
function attendeesGroup(minRows: number): GroupSpec {
  return {
    name: 'attendees',
    label: 'Attendees',
    itemNoun: 'attendee',
    minRows,
    maxRows: 20,
    fields: [
      { name: 'name', label: 'Name', type: 'text', required: true, missing: 'Enter their name' },
      { name: 'role', label: 'Role', type: 'select', options: ATTENDEE_ROLES, required: true, missing: 'Select their role' },
      { name: 'attendance', label: 'Attendance', type: 'select', options: ATTENDANCE, required: true, missing: 'Select whether they attended' },
      { name: 'reason', label: 'Reason not there', hint: 'If they were not invited or did not attend', type: 'text', max: 500 },
    ],
  };
}

/**
 * Who must be recorded at a Placement Support Meeting (invited, and attending or the reason why not): the
 * child's social worker, the supervising social worker, the carers and the Virtual School (Placement
 * stability guidance, "Early and robust escalation processes…": the Virtual School is included in any
 * placement move discussion, at placement support meetings).
 */
export const PSM_INVITED: readonly AttendeeRole[] = ['childs_social_worker', 'supervising_social_worker', 'foster_carer', 'virtual_school'];

/** Who must be at the meeting for it to count as held (Placement planning guidance, Best Practice 3). */
export const MINIMUM_ATTENDEES: readonly AttendeeRole[] = ['foster_carer', 'childs_social_worker', 'supervising_social_worker'];
/** Invited where possible; when they are not there, the minutes say why (Placement planning guidance, Best Practice 3). */
export const INVITED_WHERE_POSSIBLE: readonly AttendeeRole[] = ['child', 'birth_parent'];

export const DELEGATED_DECISIONS = {
  overnight_stays: 'Overnight stays with friends',
  school_trips: 'School trips and activities',
  haircuts: 'Haircuts and changes of appearance',
  routine_medical: 'Routine medical treatment',
  routine_dental: 'Routine dental and optician appointments',
  holidays_uk: 'Holidays in the UK',
  holidays_abroad: 'Holidays abroad (and passport)',
  phone_social_media: 'Mobile phone, internet and social media',
  religious_observance: 'Religious observance',
  parents_evenings: 'School reports and parents’ evenings',
  other: 'Another decision',
} as const;

export const DECIDERS = {
  both_carers: 'Both foster carers',
  named_carer: 'One named foster carer',
  childs_social_worker: "The child's social worker",
  parent: 'A parent',
  shared: 'Carers with a parent or the social worker',
} as const;
export type Decider = keyof typeof DECIDERS;
/** Decisions the carers make themselves are delegated; anything else needs a reason (CPPCR Sch 2; rules.md 1.10). */
export const DELEGATED_TO_CARERS: readonly Decider[] = ['both_carers', 'named_carer'];

export const PARENT_UNDERSTANDS = { yes: 'Yes', no: 'No', not_known: 'Not yet known' } as const;

export const DA_OCCASIONS = {
  placement_planning_meeting: 'Agreed at the Placement Planning Meeting',
  looked_after_review: 'Reviewed at a looked-after review',
  change: 'Changed between reviews',
} as const;

export const INTRODUCTION_KINDS = {
  phased_visit: 'Phased visit to the carers',
  call: 'Telephone or video call',
  visit: 'Visit from the carers',
  overnight_stay: 'Overnight stay with the carers',
} as const;

export const INTRODUCTION_STATUSES = { planned: 'Planned', held: 'Took place', cancelled: 'Cancelled' } as const;

export const MEETING_VENUES = {
  carers_home: "The foster carers' home",
  office: 'An office',
  online: 'Online only',
  other: 'Somewhere else',
} as const;

export const PROFILE_TYPES = {
  carer_profile: "The carers' child-friendly profile",
  home_booklet: "The children's home booklet (residential placement)",
} as const;

const area = (name: string, label: string, hint?: string, required = true, missing?: string): FieldSpec => ({ name, label, type: 'textarea', required, ...(hint ? { hint } : {}), ...(missing ? { missing } : {}) });
/** What a meeting discussed: "Enter what was discussed about friendships" when it is left empty. */
const discussed = (name: string, label: string, about: string, hint?: string): FieldSpec => area(name, label, hint, true, `Enter what was discussed about ${about}`);

export const KIND_SPECS: Readonly<Record<PlanningKind, KindSpec>> = {
  carer_profile: {
    kind: 'carer_profile',
    title: "Carers' profile shared and the child's views",
    taskName: "Share the carers' profile and hear the child's views",
    writtenBy: "The child's social worker",
    writers: ['social_worker', 'supervising_social_worker'],
    obligationId: 'child-friendly-profile',
    event: { kind: 'carer_profile_shared', scope: 'placement' },
    dateField: 'sharedOn',
    completeText: 'Record as shared',
    pdf: false,
    shareable: false,
    acknowledged: false,
    sections: [
      {
        id: 'profile',
        heading: 'The profile',
        fields: [
          { name: 'profileType', label: 'What was shared', type: 'radios', options: PROFILE_TYPES, required: true },
          { name: 'carersAgreed', label: 'Did the carers agree to the text and photos shared?', type: 'yesno', required: true, missing: 'Select yes if the carers agreed to the text and photos shared' },
          { name: 'sharedOn', label: 'Date shared with the child', type: 'date', required: true, missing: 'Enter the date it was shared with the child' },
          { name: 'sharedHow', label: 'How it was shared', hint: 'For example, read together at a visit', type: 'text', required: true },
        ],
      },
      {
        id: 'views',
        heading: "The child's views",
        fields: [
          area('childViews', 'What the child said about the placement', 'In their words where you can'),
          { name: 'viewsRecordedOn', label: 'Date the views were recorded', type: 'date', required: true, missing: 'Enter the date the views were recorded' },
        ],
      },
    ],
  },
  introductions: {
    kind: 'introductions',
    title: 'Introductions',
    taskName: 'Plan and hold introductions',
    writtenBy: "The child's social worker with the supervising social worker",
    writers: ['social_worker', 'supervising_social_worker'],
    obligationId: null,
    event: null,
    dateField: null,
    completeText: 'Mark introductions as finished',
    pdf: false,
    shareable: false,
    acknowledged: false,
    sections: [
      {
        id: 'plan',
        heading: 'Introductions',
        hint: 'Phased visits, calls or visits and overnight stays with the new carers before the placement starts, where possible (Placement stability guidance).',
        group: {
          name: 'introductions',
          label: 'Introductions',
          itemNoun: 'introduction',
          minRows: 1,
          maxRows: 20,
          fields: [
            { name: 'kind', label: 'Kind', type: 'select', options: INTRODUCTION_KINDS, required: true, missing: 'Select the kind of introduction' },
            { name: 'date', label: 'Date', type: 'date', required: true, missing: 'Enter the date' },
            { name: 'status', label: 'Status', type: 'select', options: INTRODUCTION_STATUSES, required: true, missing: 'Select whether it is planned, took place or was cancelled' },
            { name: 'notes', label: 'Notes', type: 'text', max: 500 },
          ],
        },
      },
    ],
  },
  ppm: {
    kind: 'ppm',
    title: 'Placement Planning Meeting minutes',
    taskName: 'Hold the Placement Planning Meeting',
    writtenBy: 'The supervising social worker (chair)',
    writers: ['supervising_social_worker'],
    obligationId: 'placement-planning-meeting',
    event: { kind: 'ppm_held', scope: 'placement' },
    dateField: 'meetingDate',
    completeText: 'Mark the meeting as held',
    pdf: true,
    shareable: true,
    acknowledged: false,
    sections: [
      {
        id: 'meeting',
        heading: 'The meeting',
        fields: [
          { name: 'meetingDate', label: 'Date of the meeting', type: 'date', required: true, missing: 'Enter the date of the meeting' },
          { name: 'meetingTime', label: 'Time (optional)', hint: 'For example, 10:30am', type: 'text', max: 20, format: 'time' },
          { name: 'venue', label: 'Where', hint: "Normally in the foster carers' home", type: 'radios', options: MEETING_VENUES, required: true, missing: 'Select where the meeting was held' },
          { name: 'venueDetail', label: 'Venue details (optional)', type: 'text' },
          { name: 'chair', label: 'Chaired by', hint: 'The supervising social worker', type: 'text', required: true, missing: 'Enter who chaired the meeting' },
        ],
      },
      {
        id: 'attendance',
        heading: 'Who was invited and who attended',
        hint: "At least the foster carer, the child's social worker and the supervising social worker must attend. Invite the child and the birth family where possible; if they are not there, say why.",
        group: attendeesGroup(3),
      },
      {
        id: 'discussion',
        heading: 'What was discussed',
        fields: [
          discussed('routines', 'Day-to-day routines', 'day-to-day routines', 'Meals, bedtime, getting ready, what comforts the child'),
          discussed('health', 'Health and health appointments', 'health and health appointments'),
          discussed('school', 'School and education', 'school and education', 'Including the Virtual School’s advice'),
          discussed('familyTime', 'Family time and contact', 'family time and contact'),
          discussed('friends', 'Friends', 'friendships'),
          discussed('hobbies', 'Hobbies and interests', 'hobbies and interests'),
          discussed('safeguarding', 'Safeguarding requirements and court instructions', 'safeguarding requirements and court instructions'),
          area('householdSupport', 'Additional support the household needs', 'To meet this child’s needs alongside those of every child in the family', true, 'Enter the additional support the household needs'),
          area('background', 'Background information shared with the carers', 'The history of the child and family the carers need to understand the child', true, 'Enter the background information shared with the carers'),
          area('childWishes', "The child's wishes and feelings", undefined, false),
          { name: 'plansShared', label: 'Were the placement plan and care plan shared at the meeting?', type: 'yesno', required: true, missing: 'Select yes if the placement plan and care plan were shared at the meeting' },
          { name: 'delegatedAuthorityConfirmed', label: 'Was delegated authority confirmed at the meeting?', hint: 'Record it on the delegated authority record first', type: 'yesno', required: true, missing: 'Select yes if delegated authority was confirmed at the meeting' },
        ],
      },
      {
        id: 'actions',
        heading: 'Agreed actions',
        hint: 'Each action has an owner and a due date, and becomes a tracked task when the meeting is marked as held.',
        group: ACTIONS_GROUP,
      },
    ],
  },
  placement_plan: {
    kind: 'placement_plan',
    title: 'Placement plan (Placement Information)',
    taskName: 'Write the placement plan',
    writtenBy: "The child's social worker",
    writers: ['social_worker'],
    obligationId: 'placement-plan',
    event: { kind: 'placement_plan_completed', scope: 'placement' },
    dateField: null,
    completeText: 'Complete this version',
    pdf: true,
    shareable: true,
    acknowledged: true,
    sections: [
      {
        id: 'plan',
        heading: 'The plan',
        fields: [
          area('purpose', 'Purpose of the placement', 'How the placement will meet the child’s needs and contribute to the care plan', true, 'Enter the purpose of the placement'),
          area('dayToDay', 'Day-to-day arrangements', undefined, true, 'Enter the day-to-day arrangements'),
          area('health', 'Health', 'Health needs, registration with a GP and dentist, appointments', true, 'Enter the plan for the child’s health'),
          area('education', 'Education', 'School, travel to school, the personal education plan', true, 'Enter the plan for the child’s education'),
          area('contact', 'Family time and contact', 'With parents, brothers and sisters, other family and friends', true, 'Enter the arrangements for family time and contact'),
          area('delegatedAuthority', 'Delegated authority', 'Summary; the decisions are on the delegated authority record', true, 'Enter a summary of the delegated authority'),
          area('support', 'Support for the child and the carers', undefined, true, 'Enter the support for the child and the carers'),
          area('childWishes', "The child's wishes and feelings about the placement"),
        ],
      },
    ],
  },
  care_plan: {
    kind: 'care_plan',
    title: 'Care plan',
    taskName: 'Complete and share the care plan',
    writtenBy: "The child's social worker",
    writers: ['social_worker'],
    obligationId: 'care-plan',
    event: { kind: 'care_plan_completed', scope: 'child' },
    dateField: 'completedOn',
    completeText: 'Record the care plan as completed',
    pdf: false,
    shareable: true,
    acknowledged: false,
    sections: [
      {
        id: 'plan',
        heading: 'The care plan',
        hint: "The care plan itself is written in the child's case record. Hearth tracks that it is completed on time and shared.",
        fields: [
          { name: 'completedOn', label: 'Date the care plan was completed', type: 'date', required: true, missing: 'Enter the date the care plan was completed' },
          { name: 'whereHeld', label: 'Where the care plan is held', hint: 'For example, the case record document name', type: 'text', required: true },
          { name: 'agreedWithParent', label: 'Has it been agreed with the parent (or the young person, if 16 or over and accommodated)?', type: 'yesno', required: true, missing: 'Select yes if it has been agreed with the parent (or the young person, if 16 or over and accommodated)' },
          {
            name: 'plannedEndOn',
            label: 'Planned end of this placement (optional)',
            hint: 'Only if the care plan plans when this placement ends. Ending it earlier needs a move agreed by the HARP panel or the head of service',
            type: 'date',
          },
          area('notes', 'Notes (optional)', undefined, false),
        ],
      },
    ],
  },
  risk_assessment: {
    kind: 'risk_assessment',
    title: 'Placement risk assessment',
    taskName: 'Write the risk assessment',
    writtenBy: 'The supervising social worker',
    writers: ['supervising_social_worker'],
    obligationId: 'placement-risk-assessment',
    event: { kind: 'risk_assessment_completed', scope: 'placement' },
    dateField: null,
    completeText: 'Complete this version',
    pdf: true,
    shareable: true,
    acknowledged: false,
    sections: [
      {
        id: 'questions',
        heading: 'The four questions',
        hint: 'From what was shared at the Placement Planning Meeting and on the placement request.',
        fields: [
          area('riskToSelf', 'What risk might this young person pose to themselves?', undefined, true, 'Enter what risk this young person might pose to themselves'),
          area('riskFromOthers', 'What risk do others pose to this young person?', undefined, true, 'Enter what risk others pose to this young person'),
          area('riskToOthers', 'What risk might this young person pose to others?', undefined, true, 'Enter what risk this young person might pose to others'),
          area('householdImpact', 'What is the impact on the whole household?', undefined, true, 'Enter the impact on the whole household'),
        ],
      },
      {
        id: 'household',
        heading: 'Each person living in the household',
        group: {
          name: 'people',
          label: 'People in the household',
          itemNoun: 'person',
          minRows: 1,
          maxRows: 15,
          fields: [
            { name: 'person', label: 'Person', hint: 'For example, "carers’ son, 12"', type: 'text', required: true, missing: 'Enter who the person is' },
            { name: 'impact', label: 'Impact on them and what will help', type: 'text', max: 1000, required: true, missing: 'Enter the impact on them and what will help' },
          ],
        },
      },
      {
        id: 'views',
        heading: 'Views',
        fields: [
          area('parentViews', "The birth parent's views", 'Or why they could not be sought'),
          area('childViews', "The young person's views", 'For example, "What would you like us to do to make you feel safe if you are angry?"'),
        ],
      },
      {
        id: 'safety',
        heading: 'Keeping everyone safe',
        fields: [area('strategies', 'Safety strategies agreed', undefined, true, 'Enter the safety strategies agreed'), { name: 'reviewOn', label: 'Review date', type: 'date', required: true, missing: 'Enter the review date' }],
      },
    ],
  },
  delegated_authority: {
    kind: 'delegated_authority',
    title: 'Delegated authority',
    taskName: 'Agree delegated authority',
    writtenBy: "The child's social worker, agreed at the Placement Planning Meeting",
    writers: ['social_worker', 'supervising_social_worker'],
    obligationId: null,
    event: null,
    dateField: null,
    completeText: 'Complete this version',
    pdf: true,
    shareable: true,
    acknowledged: false,
    sections: [
      {
        id: 'occasion',
        heading: 'This version',
        fields: [{ name: 'occasion', label: 'Why this version is being completed', type: 'radios', options: DA_OCCASIONS, required: true }],
      },
      {
        id: 'decisions',
        heading: 'Decisions',
        hint: 'Day-to-day decisions should be delegated to the carers unless there is a good reason not to. Say why when a decision is not delegated.',
        group: {
          name: 'decisions',
          label: 'Decisions',
          itemNoun: 'decision',
          minRows: 1,
          maxRows: 30,
          fields: [
            { name: 'area', label: 'Decision', type: 'select', options: DELEGATED_DECISIONS, required: true, missing: 'Select the decision' },
            { name: 'detail', label: 'Details', hint: 'Required for "Another decision"', type: 'text', max: 500 },
            { name: 'decider', label: 'Who decides', type: 'select', options: DECIDERS, required: true },
            { name: 'namedCarer', label: 'Named carer', hint: 'If one named carer decides', type: 'text' },
            { name: 'reason', label: 'Why it is not delegated to the carers', type: 'text', max: 1000 },
            { name: 'parentUnderstands', label: 'Does the birth parent understand?', type: 'select', options: PARENT_UNDERSTANDS, required: true, missing: 'Select whether the birth parent understands' },
          ],
        },
      },
      {
        id: 'views',
        heading: 'Views',
        fields: [area('childViews', "The child's views", 'Considering their age and understanding')],
      },
    ],
  },
  support_plan: {
    kind: 'support_plan',
    title: 'Initial support plan',
    taskName: 'Complete the initial support plan',
    writtenBy: 'The supervising social worker, at the Placement Planning Meeting',
    writers: ['supervising_social_worker'],
    obligationId: 'initial-support-plan',
    event: { kind: 'support_plan_completed', scope: 'placement' },
    dateField: null,
    completeText: 'Complete this version',
    pdf: false,
    shareable: false,
    acknowledged: false,
    sections: [
      {
        id: 'needs',
        heading: 'Support needs',
        group: {
          name: 'needs',
          label: 'Support needs',
          itemNoun: 'support need',
          minRows: 1,
          maxRows: 20,
          fields: [
            { name: 'need', label: 'Potential support need', type: 'text', max: 500, required: true, missing: 'Enter the potential support need' },
            { name: 'support', label: 'Support to be put in place', type: 'text', max: 1000, required: true, missing: 'Enter the support to be put in place' },
            { name: 'by', label: 'Who provides it', type: 'text', required: true },
          ],
        },
      },
      {
        id: 'focus',
        heading: 'Additional focus',
        hint: 'Give additional focus to children who have already moved placement or are aged 13 to 15 (Placement stability guidance).',
        fields: [area('extraFocus', 'Additional focus for this child', 'Required when the child has already moved placement or is aged 13 to 15', false)],
      },
    ],
  },
  psm: {
    kind: 'psm',
    title: 'Placement Support Meeting minutes',
    taskName: 'Hold a Placement Support Meeting',
    writtenBy: 'The supervising social worker',
    writers: ['supervising_social_worker', 'social_worker'],
    obligationId: 'placement-support-meeting',
    event: { kind: 'psm_held', scope: 'placement' },
    versionIsMeeting: true,
    dateField: 'meetingDate',
    completeText: 'Mark the meeting as held',
    pdf: true,
    shareable: true,
    acknowledged: false,
    sections: [
      {
        id: 'meeting',
        heading: 'The meeting',
        hint: 'Held as soon as there are signs that the placement is becoming unstable (Placement stability guidance). Each meeting marked as held is kept as a version of these minutes; change the answers for the next meeting.',
        fields: [
          { name: 'meetingDate', label: 'Date of the meeting', type: 'date', required: true, missing: 'Enter the date of the meeting' },
          { name: 'meetingTime', label: 'Time (optional)', hint: 'For example, 10:30am', type: 'text', max: 20, format: 'time' },
          { name: 'venue', label: 'Where', type: 'radios', options: MEETING_VENUES, required: true, missing: 'Select where the meeting was held' },
          { name: 'chair', label: 'Chaired by', type: 'text', required: true, missing: 'Enter who chaired the meeting' },
          area('concernsDiscussed', 'The concerns that led to the meeting', 'What was seen, and by whom'),
        ],
      },
      {
        id: 'attendance',
        heading: 'Who was invited and who attended',
        hint: "Invite the child's social worker, the supervising social worker, the carers and the Virtual School; the child where appropriate, and anyone else who can help. For anyone not there, say why.",
        group: attendeesGroup(4),
      },
      {
        id: 'discussion',
        heading: 'What was discussed',
        fields: [
          area('goingWell', 'What is going well'),
          area('notGoingWell', 'What is not going well'),
          area('childViews', "The child's wishes and feelings", undefined, false),
          area('virtualSchoolAdvice', "The Virtual School's advice", 'Or why it could not be given', false),
          area('supportPlanReview', 'The initial support plan reviewed', 'What the review changed. Complete a new version of the initial support plan before marking the meeting as held', true, 'Enter what the review of the initial support plan changed'),
        ],
      },
      {
        id: 'actions',
        heading: 'Support agreed',
        hint: 'Each action has an owner and a due date, and becomes a tracked task when the meeting is marked as held.',
        group: ACTIONS_GROUP,
      },
      {
        id: 'next',
        heading: 'The next meeting',
        fields: [
          {
            name: 'nextMeetingOn',
            label: 'Date of the next meeting (optional)',
            hint: 'If the meeting agreed to meet again: the next Placement Support Meeting is due by this date (a concern raised before then may bring it forward)',
            type: 'date',
          },
        ],
      },
    ],
  },
};

export const kindSpec = (kind: PlanningKind): KindSpec => KIND_SPECS[kind];

/** May this role write and complete this kind of record? Managers may always. */
export function mayWrite(kind: PlanningKind, role: Role): boolean {
  return MANAGERS.includes(role) || KIND_SPECS[kind].writers.includes(role);
}

/**
 * May this person write this child's record of this kind: their role writes the kind, and the
 * allocation lets them. The child's side (the placement plan, delegated authority) is written by those
 * who keep the child's record (the allocated social worker, their team and managers: caseload access
 * `write`); the carers' side by the carers' supervising social worker, who reads the child's record
 * because they supervise the carers (`read`). A manager writes where they keep the record.
 */
export function mayWriteFor(kind: PlanningKind, role: Role, level: AccessLevel): boolean {
  if (!mayWrite(kind, role)) return false;
  return level === 'write' || (level === 'read' && role === 'supervising_social_worker');
}
