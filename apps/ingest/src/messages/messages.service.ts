import { Injectable } from '@nestjs/common';
import { pageWindow, parseSort } from '@sentinel/hardening';
import { MessageNotFoundError } from '../errors/message-not-found.error';
import { MessageReadRepository, type MessageRecord } from '../repositories/message-read.repository';
import type { MessagePage, MessageView } from './message.view';
import type { MessagesListQuery } from './messages-list.query';
import { SlackChannelAccessService } from './slack-channel-access.service';

/** Reading back stored messages: the caller's own integrations only, Slack conversations only while a member. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessageReadRepository,
    private readonly channelAccess: SlackChannelAccessService,
  ) {}

  /**
   * One page. `total` counts the caller's messages before the Slack membership check, so a page can
   * hold fewer than `per_page` rows when the caller has left a conversation since.
   */
  async list(userId: string, query: MessagesListQuery): Promise<MessagePage> {
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.messages.list({ userId, contactId: query.contact_id, sort: parseSort(query.sort), offset, limit });
    const visible = await this.channelAccess.visible(rows);
    return { data: visible.map(toView), page: query.page, per_page: query.per_page, total };
  }

  async get(userId: string, id: string): Promise<MessageView> {
    const message = await this.messages.findOwned(userId, id);
    const [visible] = message ? await this.channelAccess.visible([message]) : [];
    if (!visible) throw new MessageNotFoundError();
    return toView(visible);
  }
}

function toView(message: MessageRecord): MessageView {
  return {
    id: message.id,
    integration_id: message.integrationId,
    source: message.source,
    external_id: message.externalId,
    slack_channel_id: message.slackChannelId,
    thread_id: message.threadId,
    subject: message.subject,
    body_text: message.bodyText,
    occurred_at: message.occurredAt.toISOString(),
    direction: message.direction,
    matched_contact_ids: message.matchedContactIds,
    participants_count: message.participantsCount,
    attachments: message.attachments,
    created_at: message.createdAt.toISOString(),
  };
}
