import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from '@sentinel/hardening';
import { Logger } from 'nestjs-pino';
import { type EarlyRoute, earlyRoutePaths, serveEarlyRoutes } from './early-routes';

export interface ServiceAppSettings {
  /** Human title of the OpenAPI document. */
  title: string;
  description: string;
  /** Routes answered before Express sees the request (see `EarlyRoute`), resolved from the app's providers. */
  earlyRoutes?(app: INestApplication): EarlyRoute[];
}

/**
 * Creates a configured Nest application (not yet listening): pino as the framework logger,
 * strict DTO validation with structured errors (libs/hardening), OpenAPI at /docs, shutdown
 * hooks for SIGTERM.
 */
export async function createServiceApp(rootModule: DynamicModule, settings: ServiceAppSettings): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { bufferLogs: true, rawBody: true });
  app.useLogger(app.get(Logger));
  // Nest flushes the boot-time buffer only in listen(): an app that is initialised but never listens
  // (a benchmark, a test) would otherwise keep buffering every later Logger call, forever.
  app.flushLogs();
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  const earlyRoutes = settings.earlyRoutes?.(app) ?? [];
  serveEarlyRoutes(app.getHttpServer(), earlyRoutes);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(settings.title).setDescription(settings.description).addBearerAuth().build(),
  );
  Object.assign(document.paths, earlyRoutePaths(earlyRoutes));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
