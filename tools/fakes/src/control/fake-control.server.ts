import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GoogleFake } from '../google/google-fake.server';
import type { FakeCalendarAttendee } from '../google/google-fake.store';
import { LoopbackListener } from '../http/loopback-listener';
import type { HubSpotFake } from '../hubspot/hubspot-fake.server';
import type { FakeHubSpotContact, FakeHubSpotDeal } from '../hubspot/hubspot-fake.store';
import type { SlackWebApiFake } from '../slack/slack-web-api.fake';

interface ContactSeed {
  email: string;
  firstname?: string;
  lastname?: string;
  company?: string;
}

interface DealSeed {
  dealname: string;
  dealstage?: string;
  amount?: string;
  closedate?: string;
  contactEmails?: string[];
}

interface GmailMessageSeed {
  account: string;
  id: string;
  from: string;
  to?: string[];
  cc?: string[];
  subject?: string;
  text?: string;
  date: string;
}

interface CalendarEventSeed {
  account: string;
  id: string;
  summary?: string;
  start: string;
  organizer: string;
  attendees?: FakeCalendarAttendee[];
}

type Handler = (body: Record<string, unknown>, url: URL) => { status: number; body?: unknown; location?: string };

/**
 * The out-of-process face of the fakes: seeding over HTTP (what tests do in-process through the
 * stores) and HubSpot's consent page, which approves at once and redirects with a fresh code.
 * Seeding is idempotent (contacts by email, deals by name, mail and events by id) so a demo may run twice.
 */
export class FakeControlServer {
  private readonly listener = new LoopbackListener('fake control server', (request, response) => this.serve(request, response));
  private readonly routes: Record<string, Handler>;

  constructor(
    private readonly hubspot: HubSpotFake,
    private readonly slack: SlackWebApiFake,
    private readonly google: GoogleFake,
  ) {
    this.routes = {
      'GET /health': () => ({ status: 200, body: { ok: true } }),
      'GET /hubspot/oauth/authorize': (_body, url) => this.authorize(url),
      'POST /hubspot/contacts': (body) => ({ status: 200, body: this.contact(body as unknown as ContactSeed) }),
      'POST /hubspot/deals': (body) => ({ status: 200, body: this.deal(body as unknown as DealSeed) }),
      'POST /slack/tokens': (body) => {
        this.slack.addToken(String(body.token), String(body.teamId));
        return { status: 204 };
      },
      'POST /slack/users': (body) => {
        this.slack.addUser({ id: String(body.id), ...(typeof body.email === 'string' ? { email: body.email } : {}) });
        return { status: 204 };
      },
      'POST /slack/installer': (body) => {
        this.slack.setInstaller({ teamId: String(body.teamId), userId: String(body.userId) });
        return { status: 204 };
      },
      'POST /google/aliases': (body) => {
        const mailbox = this.google.mailbox(String(body.account));
        if (!mailbox.aliases.some((alias) => alias.address === body.address)) mailbox.addAlias(String(body.address));
        return { status: 204 };
      },
      'POST /google/messages': (body) => ({ status: 200, body: this.message(body as unknown as GmailMessageSeed) }),
      'POST /google/events': (body) => ({ status: 200, body: this.event(body as unknown as CalendarEventSeed) }),
      'POST /google/events/reschedule': (body) => {
        this.google.calendar(String(body.account)).update(String(body.id), { start: new Date(String(body.start)) });
        return { status: 204 };
      },
      'POST /slack/members': (body) => {
        this.slack.setMembers(String(body.channel), (body.userIds as unknown[]).map(String));
        return { status: 204 };
      },
    };
  }

  get url(): string {
    return this.listener.url;
  }

  start(port = 0): Promise<void> {
    return this.listener.start(port);
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const handler = this.routes[`${request.method ?? 'GET'} ${url.pathname}`];
    try {
      const raw = await readBody(request);
      const result = handler ? handler(raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, url) : { status: 404, body: { error: 'not_found' } };
      const headers: Record<string, string> = result.location ? { location: result.location } : { 'content-type': 'application/json' };
      response.writeHead(result.status, headers);
      response.end(result.body === undefined ? undefined : JSON.stringify(result.body));
    } catch (error) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'bad_request', message: error instanceof Error ? error.message : String(error) }));
    }
  }

  private authorize(url: URL): { status: number; location?: string; body?: unknown } {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (!redirectUri) return { status: 400, body: { error: 'redirect_uri_missing' } };
    const target = new URL(redirectUri);
    target.searchParams.set('code', this.hubspot.tokens.issueAuthorizationCode());
    target.searchParams.set('state', url.searchParams.get('state') ?? '');
    return { status: 302, location: target.toString() };
  }

  private message(seed: GmailMessageSeed): { id: string } {
    const mailbox = this.google.mailbox(seed.account);
    if (!mailbox.messages.has(seed.id)) {
      mailbox.add({ id: seed.id, from: seed.from, to: seed.to ?? [], cc: seed.cc ?? [], subject: seed.subject, text: seed.text, date: new Date(seed.date) });
    }
    return { id: seed.id };
  }

  private event(seed: CalendarEventSeed): { id: string } {
    const calendar = this.google.calendar(seed.account);
    if (!calendar.events.has(seed.id)) {
      calendar.add({ id: seed.id, summary: seed.summary, start: new Date(seed.start), organizer: seed.organizer, attendees: seed.attendees ?? [] });
    }
    return { id: seed.id };
  }

  private contact(seed: ContactSeed): FakeHubSpotContact {
    const existing = [...this.hubspot.store.contacts.values()].find((contact) => contact.email === seed.email);
    return existing ?? this.hubspot.store.addContact({ email: seed.email, firstname: seed.firstname ?? null, lastname: seed.lastname ?? null, company: seed.company ?? null });
  }

  private deal(seed: DealSeed): FakeHubSpotDeal {
    const existing = [...this.hubspot.store.deals.values()].find((deal) => deal.dealname === seed.dealname);
    if (existing) return existing;
    const contactIds = (seed.contactEmails ?? []).map((email) => this.contact({ email }).id);
    return this.hubspot.store.addDeal({
      dealname: seed.dealname,
      dealstage: seed.dealstage ?? 'appointmentscheduled',
      amount: seed.amount ?? null,
      closedate: seed.closedate ? new Date(seed.closedate) : null,
      contactIds,
    });
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
