import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { bodyParserErrorBody, httpErrorAnswer } from '@sentinel/hardening';
import { HttpMetrics, requestIdFor } from '@sentinel/observability';
import type { EarlyRoute } from '@sentinel/platform';
import { PinoLogger } from 'nestjs-pino';
import getRawBody from 'raw-body';
import { ingestErrorAnswer } from '../errors/ingest-error.answer';
import { IngestError } from '../errors/ingest.error';
import { SLACK_EVENTS_OPERATION } from './slack-events.openapi';
import { SlackEventsService } from './slack-events.service';

/** The JSON body limit the route had behind Express's body parser; Slack's event payloads are a few KB. */
const BODY_LIMIT = '100kb';

interface Answer {
  status: number;
  body: object;
  headers?: Record<string, string>;
}

/**
 * Slack's Events API Request URL, answered before Express sees the request (an `EarlyRoute`). It is
 * the one route whose callers come in bursts (Slack redelivers after 3 s), and Express, Nest's router,
 * the body parsers and the per-request child logger cost about two thirds of each delivery's CPU.
 * It does its own share of their work: reads the raw bytes (the signature covers them), answers with
 * the same structured errors, records the same HTTP metrics and writes the same completion log line.
 */
@Injectable()
export class SlackEventsEndpoint implements EarlyRoute {
  readonly method = 'POST';
  readonly path = '/slack/events';
  readonly openApiOperation = SLACK_EVENTS_OPERATION;

  private readonly logger = new Logger(SlackEventsEndpoint.name);

  constructor(
    private readonly slackEvents: SlackEventsService,
    private readonly httpMetrics: HttpMetrics,
    private readonly requestLog: PinoLogger,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const answer = await this.answer(request);
    const json = JSON.stringify(answer.body);
    const requestId = requestIdFor(request);
    response.writeHead(answer.status, {
      ...answer.headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
      'x-request-id': requestId,
    });
    response.end(json);
    const seconds = (performance.now() - started) / 1000;
    this.httpMetrics.record(this.method, this.path, answer.status, seconds);
    // The line pino-http writes for every other route: request id, method, status, time, route.
    if (this.requestLog.logger.isLevelEnabled('info')) {
      this.requestLog.info(
        { req: { id: requestId, method: this.method }, res: { status: answer.status }, responseTime: Math.round(seconds * 1000), route: this.path },
        'request completed',
      );
    }
  }

  private async answer(request: IncomingMessage): Promise<Answer> {
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      // Slack does not compress; the signature is over the bytes as sent.
      await drain(request);
      return { status: 415, body: bodyParserErrorBody(415) };
    }
    let rawBody: Buffer;
    try {
      rawBody = await getRawBody(request, { length: request.headers['content-length'], limit: BODY_LIMIT });
    } catch (error) {
      await drain(request);
      return httpErrorAnswer(error, this.logger);
    }
    try {
      const body = await this.slackEvents.receive({
        timestamp: singleHeader(request, 'x-slack-request-timestamp'),
        signature: singleHeader(request, 'x-slack-signature'),
        rawBody,
      });
      return { status: 200, body };
    } catch (error) {
      // Anything else (the broker did not confirm in time) is a 500: Slack retries it; nothing was promised.
      return error instanceof IngestError ? ingestErrorAnswer(error) : httpErrorAnswer(error, this.logger);
    }
  }
}

function singleHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads off the rest of a refused request, as Express's body parser does, so the connection stays usable. */
function drain(request: IncomingMessage): Promise<void> {
  if (request.readableEnded || request.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    request.once('end', resolve).once('close', resolve).resume();
  });
}
