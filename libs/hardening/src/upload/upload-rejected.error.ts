import { HttpException, HttpStatus } from '@nestjs/common';

export type UploadRejectionCode = 'too_large' | 'type_not_allowed' | 'type_unknown' | 'empty';

const STATUS: Record<UploadRejectionCode, HttpStatus> = {
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  type_not_allowed: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  type_unknown: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  empty: HttpStatus.UNPROCESSABLE_ENTITY,
};

const MESSAGE: Record<UploadRejectionCode, string> = {
  too_large: 'The file is larger than allowed.',
  type_not_allowed: 'The file content is of a type that is not allowed here.',
  type_unknown: 'The file content is of an unrecognised type.',
  empty: 'The file is empty.',
};

/** 413/415/422 `{ error: 'upload_rejected', code, message }`; never names the file. */
export class UploadRejectedError extends HttpException {
  constructor(readonly code: UploadRejectionCode) {
    super({ error: 'upload_rejected', code, message: MESSAGE[code] }, STATUS[code]);
    this.name = 'UploadRejectedError';
  }
}
