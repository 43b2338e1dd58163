import { type INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { createValidationPipe, RELATED_TYPES } from '../src';
import { createHardeningTestApp } from './support/hardening-test.app';

describe('error responses through HttpErrorFilter and createValidationPipe()', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createHardeningTestApp(createValidationPipe());
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  describe('related_type', () => {
    it.each(RELATED_TYPES)('accepts %s', async (relatedType) => {
      await request(app.getHttpServer()).post('/links').send({ related_type: relatedType, note: 'n' }).expect(201);
      await request(app.getHttpServer()).get(`/links/${relatedType}`).expect(200);
    });

    it.each(['user', 'Deal', 'App\\Models\\User', '', 'deal ', 'tenant'])('SEN-HRD-07 SEN-HRD-11 refuses %p with 422 and the allowed list', async (relatedType) => {
      const expected = {
        error: 'related_type_not_allowed',
        message: 'related_type must be one of: deal, contact, message, calendar_event.',
        allowed: ['deal', 'contact', 'message', 'calendar_event'],
      };
      const body = await request(app.getHttpServer()).post('/links').send({ related_type: relatedType, note: 'n' }).expect(422);
      expect(body.body).toEqual(expected);
      if (relatedType.trim()) {
        const param = await request(app.getHttpServer()).get(`/links/${encodeURIComponent(relatedType)}`).expect(422);
        expect(param.body).toEqual(expected);
      }
    });

    it('refuses a missing related_type with 422 and other invalid fields with 400', async () => {
      await request(app.getHttpServer()).post('/links').send({ note: 'n' }).expect(422);
      await request(app.getHttpServer()).post('/links').send({ related_type: 'deal', note: 5 }).expect(400);
    });
  });

  describe('tag sync ids', () => {
    it('accepts distinct existing ids', async () => {
      await request(app.getHttpServer()).put('/tags').send({ tag_ids: ['t1', 't3'] }).expect(200);
      await request(app.getHttpServer()).put('/tags').send({ tag_ids: [] }).expect(200);
    });

    it('SEN-HRD-10 names duplicate and unknown ids with 422', async () => {
      const response = await request(app.getHttpServer())
        .put('/tags')
        .send({ tag_ids: ['t1', 'x9', 't1', 'x9', 't2', 'zz'] })
        .expect(422);
      expect(response.body).toEqual({
        error: 'invalid_ids',
        message: 'The id list must hold distinct ids that exist.',
        duplicate_ids: ['t1', 'x9'],
        unknown_ids: ['x9', 'zz'],
      });
    });
  });

  describe('validation failures', () => {
    it('list the failing properties without echoing values', async () => {
      const response = await request(app.getHttpServer())
        .post('/links')
        .send({ related_type: 'deal', note: 12345678, secret_field: 'top-secret' })
        .expect(400);
      expect(response.body).toEqual({
        error: 'validation_failed',
        message: 'Invalid secret_field, note.',
        details: [
          { property: 'secret_field', constraints: { whitelistValidation: 'property secret_field should not exist' } },
          { property: 'note', constraints: { isString: 'note must be a string' } },
        ],
      });
      expect(JSON.stringify(response.body)).not.toMatch(/top-secret|12345678/);
    });
  });

  describe('other HTTP exceptions', () => {
    it('keep their status with a stable token', async () => {
      expect((await request(app.getHttpServer()).get('/forbidden').expect(403)).body).toEqual({ error: 'forbidden', message: 'Forbidden' });
      expect((await request(app.getHttpServer()).get('/nowhere').expect(404)).body).toEqual({
        error: 'not_found',
        message: 'Cannot GET /nowhere',
      });
      expect((await request(app.getHttpServer()).post('/upload').expect(413)).body).toEqual({
        error: 'upload_rejected',
        code: 'too_large',
        message: 'The file is larger than allowed.',
      });
    });

    it('answer malformed JSON with 400', async () => {
      const response = await request(app.getHttpServer()).post('/links').set('content-type', 'application/json').send('{"related_type": ').expect(400);
      expect(response.body.error).toBe('bad_request');
    });
  });

  describe('unexpected errors', () => {
    it('become a generic 500, logged once without the request body', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const response = await request(app.getHttpServer()).post('/crash').send({ note: 'confidential deal terms' }).expect(500);
      expect(response.body).toEqual({ error: 'internal_error', message: 'Internal server error.' });
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0][0]).toBe('Unhandled Error');
      expect(JSON.stringify(logged.mock.calls)).not.toContain('confidential');
    });
  });
});
