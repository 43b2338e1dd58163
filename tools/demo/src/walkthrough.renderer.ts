import { DEMO_SLACK_MESSAGES } from './demo-scenario';
import { total, type OutcomeCounts } from './ingest-outcomes.reader';
import type { DemoReport } from './run-demo';

const ADMITTED = new Set(['passed']);

/** The short text `npm start` prints once the demo tenant is seeded. */
export function renderWalkthrough(report: DemoReport): string {
  const admitted = admittedOf(report.outcomes);
  const risks = report.dealsAtRisk.length === 0
    ? ['    (no deal above low risk)']
    : report.dealsAtRisk.flatMap((deal) => [`    ${deal.name ?? '(unnamed)'}: ${deal.level} (${deal.score})`, ...deal.reasons.map((reason) => `      - ${reason}`)]);
  const probes = report.probes.flatMap((probe) => [`  # ${probe.label} -> ${probe.status}`, `  ${probe.curl}`, ...(probe.status === 403 ? [`  #   ${probe.body}`] : [])]);
  return [
    '',
    `Demo tenant "${report.tenantId}" is seeded.`,
    `  HubSpot connected through crm-sync's OAuth flow: ${report.contactsSynced} contacts, ${report.dealsSynced} deals synced.`,
    `  Slack (connected through ingest's OAuth flow): ${DEMO_SLACK_MESSAGES.length} messages, ${report.slackDeliveries} signed deliveries (retries included) -> ${admitted} admitted:`,
    ...outcomeLines(report.outcomes),
    ...(admitted === 0 && (report.outcomes.duplicate_event ?? 0) > 0
      ? ['    (seeded by an earlier run: the stored messages came back as duplicate_event, nothing was stored twice)']
      : []),
    `  Gmail (connected through ingest's OAuth flow, gmail.readonly): ${report.gmail.messages} messages seeded -> ${admittedOf(report.gmail.outcomes)} admitted:`,
    ...outcomeLines(report.gmail.outcomes),
    `  Calendar (OAuth, calendar.readonly): ${report.calendar.events} events seeded, ${report.calendar.rescheduled} rescheduled -> ${admittedOf(report.calendar.outcomes)} admitted:`,
    ...outcomeLines(report.calendar.outcomes),
    ...(total(report.gmail.outcomes) + total(report.calendar.outcomes) < report.gmail.messages + report.calendar.events
      ? ['    (seeded by an earlier run: the mailbox and calendar had nothing new since their stored cursors)']
      : []),
    '  Deals at risk (GET /deals on risk):',
    ...risks,
    '',
    '  Dev bearer tokens (8 h, development identity only):',
    `  export TOKEN='${report.tokens.analyst}'`,
    `  export OUTSIDER_TOKEN='${report.tokens.outsider}'`,
    ...probes,
    '',
    '  API docs:',
    ...report.docs.map((doc) => `    ${doc.service.padEnd(16)} ${doc.url}`),
    '',
  ].join('\n');
}

function outcomeLines(outcomes: OutcomeCounts): string[] {
  const lines = Object.entries(outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, count]) => `    ${ADMITTED.has(outcome) ? 'admitted' : 'dropped '}  ${outcome.padEnd(22)} ${count}`);
  return lines.length > 0 ? lines : ['    (nothing new)'];
}

function admittedOf(outcomes: OutcomeCounts): number {
  return Object.entries(outcomes).reduce((sum, [outcome, count]) => sum + (ADMITTED.has(outcome) ? count : 0), 0);
}
