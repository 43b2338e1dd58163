import { Logger, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { ObservabilityModule } from '@sentinel/observability';
import { createServiceApp } from './create-service-app';

/** Nest's static buffer, as `bufferLogs` fills it (not part of its public typings). */
const nestLogBuffer = Logger as unknown as { isBufferAttached: boolean; logBuffer: unknown[] };

@Module({})
class EmptyModule {}

describe('createServiceApp', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('stops buffering log calls once the service logger is installed, even when the app never listens', async () => {
    const root: DynamicModule = { module: EmptyModule, imports: [ObservabilityModule.forRoot({ service: 'platform-test', tenantId: 't-platform', logLevel: 'silent' })] };
    app = await createServiceApp(root, { title: 'test', description: 'test' });
    await app.init();

    new Logger('after-boot').debug('one line per item, as a worker logs');
    new Logger('after-boot').log('and a summary');

    expect(nestLogBuffer.isBufferAttached).toBe(false);
    expect(nestLogBuffer.logBuffer).toHaveLength(0);
  });
});
