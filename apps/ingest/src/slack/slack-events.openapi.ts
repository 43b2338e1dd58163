import type { OperationObject } from '@nestjs/swagger';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' }, reason: { type: 'string' } } } } } });

/** POST /slack/events in the ingest OpenAPI document (the route is not a Nest controller: see SlackEventsEndpoint). */
export const SLACK_EVENTS_OPERATION: OperationObject = {
  tags: ['slack'],
  operationId: 'SlackEvents_receive',
  summary: 'Slack Events API Request URL: verifies the signature over the raw body, enqueues with a broker confirm, answers 200 (401 with a reason token otherwise).',
  parameters: [
    { name: 'x-slack-request-timestamp', in: 'header', required: true, schema: { type: 'string' } },
    { name: 'x-slack-signature', in: 'header', required: true, schema: { type: 'string' } },
  ],
  requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
  responses: {
    200: { description: 'Queued (or ignored with a counted reason); `{ challenge }` for url_verification.' },
    400: error('Signed, but not an Events API payload (`slack_payload_invalid`), or an unreadable body.'),
    401: error('Not provably from Slack: `slack_signature_rejected` with the reason token.'),
    413: error('Body over 100 KB.'),
    415: error('A compressed body.'),
  },
};
