import { type INestApplication, ValidationPipe } from '@nestjs/common';
import request from 'supertest';
import { createValidationPipe } from '../src';
import { createHardeningTestApp } from './support/hardening-test.app';

// The platform's current pipe (no exception factory) and the hardened one must both refuse.
describe.each([
  ['the platform ValidationPipe', () => new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })],
  ['createValidationPipe()', createValidationPipe],
])('list-route queries through %s', (_name, pipe) => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createHardeningTestApp(pipe());
  });
  afterAll(() => app.close());

  it('applies the defaults', async () => {
    const response = await request(app.getHttpServer()).get('/deals').expect(200);
    expect(response.body).toEqual({
      query: { page: 1, per_page: 25, sort: '-created_at' },
      window: { offset: 0, limit: 25 },
      order: { field: 'created_at', direction: 'DESC' },
    });
  });

  it('accepts an allowed sort field in either direction and the cap itself', async () => {
    const response = await request(app.getHttpServer()).get('/deals?page=3&per_page=100&sort=amount').expect(200);
    expect(response.body.window).toEqual({ offset: 200, limit: 100 });
    expect(response.body.order).toEqual({ field: 'amount', direction: 'ASC' });
    await request(app.getHttpServer()).get('/deals?sort=-created_at').expect(200);
  });

  it.each([
    'per_page=101',
    'per_page=1000000',
    'per_page=0',
    'per_page=-1',
    'per_page=abc',
    'per_page=1.5',
    'per_page=1e2',
    'per_page=',
    'per_page=10&per_page=20',
    'page=0',
    'page=-3',
    'page=two',
    'sort=password',
    'sort=-password',
    'sort=--created_at',
    'sort=created_at,amount',
    'sort=CREATED_AT',
    'sort=',
    'sort=amount&sort=name',
    'unknown=1',
  ])('SEN-HRD-08 refuses ?%s with 400', async (queryString) => {
    await request(app.getHttpServer()).get(`/deals?${queryString}`).expect(400);
  });

  it('caps per_page on a pagination-only list route too', async () => {
    await request(app.getHttpServer()).get('/contacts?per_page=101').expect(400);
    await request(app.getHttpServer()).get('/contacts?sort=name').expect(400);
    await request(app.getHttpServer()).get('/contacts?per_page=100').expect(200);
  });
});

describe('list-route error bodies through createValidationPipe()', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createHardeningTestApp(createValidationPipe());
  });
  afterAll(() => app.close());

  it('SEN-HRD-09 names per_page and its cap without echoing the value', async () => {
    const response = await request(app.getHttpServer()).get('/deals?per_page=101').expect(400);
    expect(response.body).toEqual({
      error: 'validation_failed',
      message: 'Invalid per_page.',
      details: [{ property: 'per_page', constraints: { max: 'per_page must not be greater than 100' } }],
    });
    expect(JSON.stringify(response.body)).not.toContain('101');
  });

  it('names the allowed sort fields', async () => {
    const response = await request(app.getHttpServer()).get('/deals?sort=password').expect(400);
    expect(response.body.details).toEqual([
      {
        property: 'sort',
        constraints: {
          isIn: "sort must be one of the fields created_at, amount, name, optionally prefixed with '-' for descending order",
        },
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('password');
  });

  it('names unknown query parameters', async () => {
    const response = await request(app.getHttpServer()).get('/deals?admin=true').expect(400);
    expect(response.body.details).toEqual([{ property: 'admin', constraints: { whitelistValidation: 'property admin should not exist' } }]);
  });
});
