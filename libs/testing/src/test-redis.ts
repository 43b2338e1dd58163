import Redis from 'ioredis';
import { TEST_REDIS_URL, testRunId, uniqueTestName } from './test-infrastructure';

/** A key prefix unique to one test file of this run. */
export function createTestRedisPrefix(): string {
  return `sentinel-test:${testRunId()}:${uniqueTestName('r')}:`;
}

/** Deletes every key under a prefix (SCAN, never KEYS). */
export async function deleteRedisPrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
