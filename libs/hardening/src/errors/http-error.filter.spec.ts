import { BadRequestException, HttpException, type ValidationError } from '@nestjs/common';
import { errorTokenForStatus } from './error-token';
import { httpErrorBody } from './http-error.filter';
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
