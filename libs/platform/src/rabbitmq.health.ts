import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AMQP_CONNECTION } from '@sentinel/messaging';
import type { AmqpConnectionManager } from 'amqp-connection-manager';

@Injectable()
export class RabbitMqHealthIndicator {
  constructor(
    @Inject(AMQP_CONNECTION) private readonly connection: AmqpConnectionManager,
    private readonly health: HealthIndicatorService,
  ) {}

  isHealthy(key: string) {
    const indicator = this.health.check(key);
    return this.connection.isConnected() ? indicator.up() : indicator.down({ message: 'not connected' });
  }
}
