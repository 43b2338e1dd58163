/**
 * The demo tenant's data: who exists, what the CRM holds, what Slack says and what the analyst's
 * mailbox and calendar hold. Every message and event carries the outcome the gate must give it, so
 * the walkthrough can account for each one.
 */
export const DEMO_ANALYST = {
  id: 'demo-analyst',
  // Within the tenant (seeding prefixes `tenant.<id>.`): view everything in the CRM domain, connect and sync a CRM.
  permissions: ['crm.*.view', 'crm.integrations.manage', 'crm.integrations.sync'],
} as const;

/** Same tenant, no policy: every permission-gated route answers 403. */
export const DEMO_OUTSIDER = { id: 'demo-outsider', permissions: [] as string[] } as const;

export const DEMO_CONTACTS = [
  { email: 'maria.lopez@acme-buyer.example', firstname: 'Maria', lastname: 'Lopez', company: 'Acme' },
  { email: 'john.kim@globex.example', firstname: 'John', lastname: 'Kim', company: 'Globex' },
  { email: 'ana.silva@initech.example', firstname: 'Ana', lastname: 'Silva', company: 'Initech' },
] as const;

export const DEMO_DEALS = [
  { dealname: 'Acme platform renewal', dealstage: 'contractsent', amount: '120000', closedate: '2026-12-15T00:00:00Z', contactEmails: ['maria.lopez@acme-buyer.example'] },
  { dealname: 'Globex expansion', dealstage: 'qualifiedtobuy', amount: '45000', closedate: '2027-01-31T00:00:00Z', contactEmails: ['john.kim@globex.example'] },
  { dealname: 'Initech pilot', dealstage: 'appointmentscheduled', amount: '8000', closedate: '2027-02-28T00:00:00Z', contactEmails: ['ana.silva@initech.example'] },
] as const;

export const DEMO_SLACK_TEAM = 'T0DEMO';
export const DEMO_SLACK_CHANNEL = 'C0DEALROOM';
export const DEMO_SLACK_USERS = {
  analyst: { id: 'U0ANALYST', email: 'analyst@sentinel-demo.example' },
  maria: { id: 'U0MARIA', email: 'Maria.Lopez@acme-buyer.example' },
  john: { id: 'U0JOHN', email: 'john.kim@globex.example' },
  stranger: { id: 'U0STRANGER', email: 'someone@unknown-co.example' },
} as const;

export type ExpectedOutcome = 'passed' | 'dropped_no_crm_match' | 'dropped_self_user' | 'duplicate_event';

export interface DemoSlackMessage {
  /** Stable per message: its Slack event id, so a later run's copy is the same event (a duplicate). */
  key: string;
  /** When it was posted, relative to the run, like the seeded mail: the risk read sees recent activity. */
  hoursAgo: number;
  from: keyof typeof DEMO_SLACK_USERS;
  text: string;
  expected: ExpectedOutcome;
  /** Deliveries of this exact event (Slack retries when the ack is slow): all but the first are duplicates. */
  deliveries?: number;
}

export const DEMO_SLACK_MESSAGES: readonly DemoSlackMessage[] = [
  { key: 'renewal-terms', hoursAgo: 120, from: 'maria', text: 'Legal approved the renewal terms.', expected: 'passed' },
  { key: 'expansion-call', hoursAgo: 70, from: 'john', text: 'Can we move the expansion call to Friday?', expected: 'passed' },
  { key: 'order-form', hoursAgo: 26, from: 'maria', text: 'Sending the signed order form now.', expected: 'passed', deliveries: 4 },
  { key: 'meetup', hoursAgo: 20, from: 'stranger', text: 'Hi all, anyone going to the meetup?', expected: 'dropped_no_crm_match' },
  { key: 'parking', hoursAgo: 8, from: 'stranger', text: 'Reminder: parking is closed tomorrow.', expected: 'dropped_no_crm_match' },
  { key: 'note-to-self', hoursAgo: 2, from: 'analyst', text: 'Note to self: follow up with Globex.', expected: 'dropped_self_user' },
];

/** The analyst's Google account (the address of their Slack profile) and a send-as alias of it. */
export const DEMO_MAILBOX = DEMO_SLACK_USERS.analyst.email;
export const DEMO_MAIL_ALIAS = 'deals@sentinel-demo.example';

export interface DemoGmailMessage {
  /** Fixed Gmail id: a second run finds the message already there. */
  id: string;
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  daysAgo: number;
  expected: ExpectedOutcome;
}

export const DEMO_GMAIL_MESSAGES: readonly DemoGmailMessage[] = [
  { id: 'demo0mail0001', from: 'Maria Lopez <maria.lopez@acme-buyer.example>', to: [DEMO_MAILBOX], subject: 'Renewal redlines', text: 'Legal returned the redlines this morning.', daysAgo: 6, expected: 'passed' },
  { id: 'demo0mail0002', from: DEMO_MAILBOX, to: ['john.kim@globex.example'], cc: ['someone@unknown-co.example'], subject: 'Expansion pricing', text: 'Attached the tiered pricing we discussed.', daysAgo: 4, expected: 'passed' },
  { id: 'demo0mail0003', from: 'tickets@conference-co.example', to: [DEMO_MAILBOX], subject: 'Early bird tickets', text: 'Last chance for early bird pricing.', daysAgo: 3, expected: 'dropped_no_crm_match' },
  { id: 'demo0mail0004', from: 'someone@unknown-co.example', to: [DEMO_MAILBOX, 'colleague@unknown-co.example'], subject: 'Meetup next week', text: 'Are you coming to the meetup?', daysAgo: 2, expected: 'dropped_no_crm_match' },
  { id: 'demo0mail0005', from: DEMO_MAIL_ALIAS, to: [DEMO_MAILBOX], subject: 'Forecast notes', text: 'Q4 forecast notes to self.', daysAgo: 1, expected: 'dropped_self_user' },
];

export interface DemoCalendarEvent {
  /** Fixed event id: a second run finds the event already there. */
  id: string;
  summary: string;
  /** Start relative to now (negative: in the past). */
  daysFromNow: number;
  organizer: string;
  attendees: string[];
  expected: ExpectedOutcome;
  /** Moved after the first sync: the change arrives again as the same event, a `duplicate_event`. */
  rescheduled?: boolean;
}

export const DEMO_CALENDAR_EVENTS: readonly DemoCalendarEvent[] = [
  { id: 'demoevt0001', summary: 'Acme renewal review', daysFromNow: -2, organizer: DEMO_MAILBOX, attendees: [DEMO_MAILBOX, 'maria.lopez@acme-buyer.example'], expected: 'passed' },
  { id: 'demoevt0002', summary: 'Globex expansion call', daysFromNow: 3, organizer: 'john.kim@globex.example', attendees: ['john.kim@globex.example', DEMO_MAILBOX], expected: 'passed', rescheduled: true },
  { id: 'demoevt0003', summary: 'Vendor lunch', daysFromNow: 1, organizer: 'someone@unknown-co.example', attendees: ['someone@unknown-co.example', DEMO_MAILBOX], expected: 'dropped_no_crm_match' },
  { id: 'demoevt0004', summary: 'Pipeline review (internal)', daysFromNow: -1, organizer: DEMO_MAILBOX, attendees: [DEMO_MAILBOX, DEMO_MAIL_ALIAS], expected: 'dropped_self_user' },
];
