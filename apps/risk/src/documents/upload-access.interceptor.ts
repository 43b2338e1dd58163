import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { principalOf } from '@sentinel/permission';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DealDocumentsService } from './deal-documents.service';

/**
 * Runs the upload's resource guards before FileInterceptor reads the multipart body, so a caller
 * the deal team or the folder refuses gets its 404/403 without the server buffering the file.
 * A malformed deal id is left to the route's validation (400). The service checks again itself.
 */
@Injectable()
export class UploadAccessInterceptor implements NestInterceptor {
  constructor(private readonly documents: DealDocumentsService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request<{ id: string; folder_id: string }>>();
    const principal = principalOf(request);
    if (principal && isUUID(request.params.id)) await this.documents.assertUploadAllowed(principal, request.params.id, request.params.folder_id);
    return next.handle();
  }
}
