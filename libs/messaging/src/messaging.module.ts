import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import { AMQP_CONNECTION, createAmqpConnection } from './amqp.connection';
import { ConsumerHost } from './consumer.host';
import { EventPublisher } from './event.publisher';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Inject(AMQP_CONNECTION) private readonly connection: AmqpConnectionManager) {}

  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: AMQP_CONNECTION, useFactory: () => createAmqpConnection(options.url, options.service) },
        EventPublisher,
        ConsumerHost,
      ],
      exports: [AMQP_CONNECTION, MESSAGING_OPTIONS, EventPublisher, ConsumerHost],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
