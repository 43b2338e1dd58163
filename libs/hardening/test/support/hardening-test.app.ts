import type { INestApplication, PipeTransform } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HttpErrorFilter } from '../../src';
import { HardeningTestController } from './hardening-test.controller';

/** A real Nest app with the test controller, the given global pipe and the hardening filter. */
export async function createHardeningTestApp(pipe: PipeTransform): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ controllers: [HardeningTestController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(pipe);
  app.useGlobalFilters(new HttpErrorFilter());
  await app.init();
  return app;
}
