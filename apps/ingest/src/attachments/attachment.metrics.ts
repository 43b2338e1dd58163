import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { Counter, type Registry } from 'prom-client';
import type { AttachmentIntakeOutcome } from './attachment-intake.service';

/** Attachment intake and downloads; labels are fixed tokens, never a file name or an id. */
@Injectable()
export class AttachmentMetrics {
  private readonly intake: Counter<'outcome'>;
  private readonly downloads: Counter<'result'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.intake = new Counter({
      name: 'ingest_attachments_total',
      help: 'Attachments of admitted messages by outcome (stored, or the refusal reason token)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.downloads = new Counter({
      name: 'ingest_attachment_downloads_total',
      help: 'GET /attachments/{id} by result (served, not_found, path_refused)',
      labelNames: ['result'],
      registers: [registry],
    });
  }

  taken(outcome: AttachmentIntakeOutcome): void {
    this.intake.inc({ outcome });
  }

  download(result: 'served' | 'not_found' | 'path_refused'): void {
    this.downloads.inc({ result });
  }
}
