import { DEMO_SLACK_MESSAGES } from './demo-scenario';
import type { DemoReport } from './run-demo';

const ADMITTED = new Set(['passed']);

/** The short text `npm start` prints once the demo tenant is seeded. */
export function renderWalkthrough(report: DemoReport): string {
  const outcomeLines = Object.entries(report.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, count]) => `    ${ADMITTED.has(outcome) ? 'admitted' : 'dropped '}  ${outcome.padEnd(22)} ${count}`);
  const admitted = Object.entries(report.outcomes).reduce((sum, [outcome, count]) => sum + (ADMITTED.has(outcome) ? count : 0), 0);
  const risks = report.dealsAtRisk.length === 0
    ? ['    (no deal above low risk)']
    : report.dealsAtRisk.flatMap((deal) => [`    ${deal.name ?? '(unnamed)'}: ${deal.level} (${deal.score})`, ...deal.reasons.map((reason) => `      - ${reason}`)]);
  const probes = report.probes.flatMap((probe) => [`  # ${probe.label} -> ${probe.status}`, `  ${probe.curl}`, ...(probe.status === 403 ? [`  #   ${probe.body}`] : [])]);
  return [
    '',
    `Demo tenant "${report.tenantId}" is seeded.`,
    `  HubSpot connected through crm-sync's OAuth flow: ${report.contactsSynced} contacts, ${report.dealsSynced} deals synced.`,
    `  Slack: ${DEMO_SLACK_MESSAGES.length} messages, ${report.slackDeliveries} signed deliveries (retries included) -> ${admitted} admitted:`,
    ...outcomeLines,
    ...(admitted === 0 && (report.outcomes.duplicate_event ?? 0) > 0
      ? ['    (seeded by an earlier run: the stored messages came back as duplicate_event, nothing was stored twice)']
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
