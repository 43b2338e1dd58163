import { TIMELINE_APPENDED_EVENT, TIMELINE_APPENDED_MAX_MESSAGES, TimelineAppendedData, type EventPublisher, type TimelineAppendedMessage, validateEventData } from '@sentinel/messaging';
import { randomUUID } from 'node:crypto';
import { TimelinePublisher } from '../src/gate/timeline.publisher';

function stored(): TimelineAppendedMessage {
  return {
    message_id: randomUUID(),
    user_id: 'user-1',
    integration_id: randomUUID(),
    source: 'gmail',
    direction: 'inbound',
    occurred_at: '2026-11-01T10:00:00.000Z',
    matched_contact_ids: [randomUUID()],
  };
}

function publisherSpy() {
  const calls: Array<{ type: string; data: TimelineAppendedData; id: string | undefined }> = [];
  const publish = jest.fn(async (type: string, data: TimelineAppendedData, options?: { id?: string }) => {
    calls.push({ type, data, id: options?.id });
    return { id: options?.id ?? '', type, tenant_id: 't', occurred_at: '', data };
  });
  return { calls, timeline: new TimelinePublisher({ publish } as unknown as EventPublisher) };
}

describe('TimelinePublisher', () => {
  it('announces a batch of stored messages as ONE event that the consumers\' contract accepts', async () => {
    const { calls, timeline } = publisherSpy();
    const messages = [stored(), stored(), stored()];
    await timeline.appended(messages);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ type: TIMELINE_APPENDED_EVENT, data: { messages } });
    const checked = validateEventData({ id: calls[0]!.id!, type: TIMELINE_APPENDED_EVENT, tenant_id: 't', occurred_at: '2026-11-01T10:00:00Z', data: calls[0]!.data as never }, TimelineAppendedData);
    expect(checked.ok).toBe(true);
  });

  it('gives a republished batch the same event id, and another batch another one', async () => {
    const { calls, timeline } = publisherSpy();
    const messages = [stored(), stored()];
    await timeline.appended(messages);
    await timeline.appended(messages);
    await timeline.appended([messages[0]!]);
    expect(calls[0]!.id).toMatch(/^timeline:[0-9a-f]{32}$/);
    expect(calls[1]!.id).toBe(calls[0]!.id);
    expect(calls[2]!.id).not.toBe(calls[0]!.id);
  });

  it(`splits more than ${TIMELINE_APPENDED_MAX_MESSAGES} messages over several events, each within the contract's bound`, async () => {
    const { calls, timeline } = publisherSpy();
    const messages = Array.from({ length: TIMELINE_APPENDED_MAX_MESSAGES + 1 }, stored);
    await timeline.appended(messages);
    expect(calls.map((call) => call.data.messages.length)).toEqual([TIMELINE_APPENDED_MAX_MESSAGES, 1]);
    expect(calls.flatMap((call) => call.data.messages)).toEqual(messages);
  });

  it('publishes nothing when the batch stored nothing', async () => {
    const { calls, timeline } = publisherSpy();
    await timeline.appended([]);
    expect(calls).toEqual([]);
  });

  it('fails when a publish is not confirmed, so the worker retries the batch', async () => {
    const timeline = new TimelinePublisher({ publish: jest.fn().mockRejectedValue(new Error('channel closed')) } as unknown as EventPublisher);
    await expect(timeline.appended([stored()])).rejects.toThrow('channel closed');
  });
});
