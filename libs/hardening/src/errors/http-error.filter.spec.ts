import { BadRequestException, HttpException, type ValidationError } from '@nestjs/common';
import { errorTokenForStatus } from './error-token';
import { bodyParserErrorBody, bodyParserErrorStatus, httpErrorBody } from './http-error.filter';
import { validationExceptionFactory } from './validation-exception.factory';

describe('errorTokenForStatus', () => {
  it.each([
    [400, 'bad_request'],
    [413, 'payload_too_large'],
    [418, 'i_m_a_teapot'],
    [503, 'service_unavailable'],
    [599, 'http_599'],
  ])('%i → %s', (status, token) => {
    expect(errorTokenForStatus(status)).toBe(token);
  });
});

describe('httpErrorBody', () => {
  it('keeps a thrower-chosen token and details', () => {
    expect(httpErrorBody(new HttpException({ error: 'token_expired', message: 'Expired.', retry: false }, 401))).toEqual({
      error: 'token_expired',
      message: 'Expired.',
      retry: false,
    });
  });

  it('replaces Nest reason phrases and string bodies with the status token', () => {
    expect(httpErrorBody(new BadRequestException('Nope.'))).toEqual({ error: 'bad_request', message: 'Nope.' });
    expect(httpErrorBody(new HttpException('Slow down.', 429))).toEqual({ error: 'too_many_requests', message: 'Slow down.' });
  });

  it('joins the message list of a default ValidationPipe', () => {
    expect(httpErrorBody(new BadRequestException(['a must be a string', 'b should not exist']))).toEqual({
      error: 'bad_request',
      message: 'a must be a string; b should not exist',
    });
  });
});

describe('bodyParserErrorStatus (hostile corpus: a 2 MiB JSON body answered 500 on crm-sync and risk)', () => {
  const parserError = (status: number, type: string) => Object.assign(new Error('request entity too large'), { status, statusCode: status, expose: true, type });

  it('keeps the 4xx of a body-parser error, with a fixed message', () => {
    expect(bodyParserErrorStatus(parserError(413, 'entity.too.large'))).toBe(413);
    expect(bodyParserErrorBody(413)).toEqual({ error: 'payload_too_large', message: 'The request body is too large.' });
    expect(bodyParserErrorStatus(parserError(415, 'charset.unsupported'))).toBe(415);
  });

  it('leaves anything else to the 500 path', () => {
    expect(bodyParserErrorStatus(new Error('boom'))).toBeUndefined();
    expect(bodyParserErrorStatus(Object.assign(new Error('x'), { status: 500, expose: false, type: 'stream.not.readable' }))).toBeUndefined();
    expect(bodyParserErrorStatus(Object.assign(new Error('x'), { status: 413 }))).toBeUndefined();
    expect(bodyParserErrorStatus(null)).toBeUndefined();
  });
});

describe('validationExceptionFactory', () => {
  it('flattens nested errors into dotted properties and drops values', () => {
    const errors: ValidationError[] = [
      {
        property: 'contact',
        value: { email: 'alice@example.com' },
        children: [{ property: 'email', value: 'alice@example.com', constraints: { isEmail: 'email must be an email' }, children: [] }],
      },
    ];
    const response = validationExceptionFactory(errors).getResponse();
    expect(response).toEqual({
      error: 'validation_failed',
      message: 'Invalid contact.email.',
      details: [{ property: 'contact.email', constraints: { isEmail: 'email must be an email' } }],
    });
    expect(JSON.stringify(response)).not.toContain('alice');
  });
});
