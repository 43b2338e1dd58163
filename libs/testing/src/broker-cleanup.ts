import { connect } from 'amqplib';
import { TEST_RABBITMQ_URL } from './test-infrastructure';

/** Deletes queues and exchanges a test declared (the broker keeps durable objects otherwise). */
export async function deleteQueuesAndExchanges(queues: string[], exchanges: string[]): Promise<void> {
  const connection = await connect(TEST_RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    for (const exchange of exchanges) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}
