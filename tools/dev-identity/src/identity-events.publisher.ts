import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';
import { DevIdentityError, DevIdentityErrorCode } from './dev-identity.error';
import { routingKeyFor, type IdentityEvent } from './identity-event';

export interface PublishProperties {
  messageId?: string;
  contentType?: string;
  persistent?: boolean;
}

interface BrokerLink {
  model: ChannelModel;
  channel: ConfirmChannel;
}

/**
 * Publishes identity events on a durable topic exchange through a confirm channel: a publish
 * resolves only once the broker has taken the message. Without a broker URL, events are skipped.
 * The link is opened at start (fail fast) and reopened on the next publish after a drop.
 */
export class IdentityEventsPublisher {
  private link?: Promise<BrokerLink>;

  constructor(
    private readonly url: string | undefined,
    private readonly exchange: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.url === undefined) {
      this.logger.info('no RabbitMQ URL configured: identity events are not published');
      return;
    }
    await this.open();
  }

  async publish(event: IdentityEvent<unknown>): Promise<void> {
    if (this.url === undefined) return;
    const content = Buffer.from(JSON.stringify(event));
    await this.send(routingKeyFor(event), content, {
      messageId: event.id,
      contentType: 'application/json',
      persistent: true,
    });
    this.logger.info({ eventId: event.id, type: event.type, tenantId: event.tenant_id }, 'identity event published');
  }

  /** For tests of a consumer's defences: any routing key, any bytes. */
  async publishRaw(routingKey: string, content: Buffer, properties: PublishProperties): Promise<void> {
    if (this.url === undefined) throw new DevIdentityError(DevIdentityErrorCode.EventsDisabled);
    await this.send(routingKey, content, properties);
    this.logger.info({ routingKey }, 'raw event published');
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    const opened = await link?.catch(() => undefined);
    await opened?.model.close().catch(() => undefined);
  }

  private async send(routingKey: string, content: Buffer, properties: PublishProperties): Promise<void> {
    try {
      const { channel } = await this.open();
      await new Promise<void>((resolve, reject) => {
        channel.publish(this.exchange, routingKey, content, properties, (error: unknown) =>
          error ? reject(error) : resolve(),
        );
      });
    } catch (error) {
      this.logger.warn({ routingKey, reason: errorMessage(error) }, 'event publish failed');
      throw new DevIdentityError(DevIdentityErrorCode.EventPublishFailed);
    }
  }

  private open(): Promise<BrokerLink> {
    if (this.url === undefined) throw new DevIdentityError(DevIdentityErrorCode.EventsDisabled);
    if (!this.link) {
      // Only this link may clear itself: a late close event must not drop its successor.
      const forget = () => {
        if (this.link === link) this.link = undefined;
      };
      const link = this.connect(this.url, forget);
      link.catch(forget);
      this.link = link;
    }
    return this.link;
  }

  private async connect(url: string, forget: () => void): Promise<BrokerLink> {
    const model = await connect(url);
    model.on('error', (error: Error) => this.logger.warn({ reason: error.message }, 'broker connection error'));
    model.on('close', forget);
    const channel = await model.createConfirmChannel();
    channel.on('error', (error: Error) => this.logger.warn({ reason: error.message }, 'broker channel error'));
    // A channel closed by the broker (e.g. its exchange was deleted) takes the connection with it.
    channel.on('close', () => {
      forget();
      model.close().catch(() => undefined);
    });
    try {
      await channel.assertExchange(this.exchange, 'topic', { durable: true });
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
    return { model, channel };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
