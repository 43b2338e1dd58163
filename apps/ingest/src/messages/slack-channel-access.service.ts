import { Injectable } from '@nestjs/common';
import { slackSelfUserId, slackTeamId } from '../gate/candidate.router';
import { GateIntegrationRepository, type GateIntegration } from '../repositories/gate-integration.repository';
import type { MessageRecord } from '../repositories/message-read.repository';
import { IntegrationTokenReader } from '../slack/integration-token.reader';
import { SlackDirectoryClient } from '../slack/slack-directory.client';

/**
 * Who may still see a stored Slack conversation message: the owner while they are a member of the
 * conversation now (members cached briefly). Any doubt (token, Slack, database) hides it.
 */
@Injectable()
export class SlackChannelAccessService {
  constructor(
    private readonly integrations: GateIntegrationRepository,
    private readonly directory: SlackDirectoryClient,
    private readonly tokens: IntegrationTokenReader,
  ) {}

  /** The messages the owner may see; non-Slack messages pass unchanged. */
  async visible(messages: readonly MessageRecord[]): Promise<MessageRecord[]> {
    const conversations = messages.filter((message) => message.source === 'slack' && message.slackChannelId !== null);
    if (conversations.length === 0) return [...messages];
    const byId = new Map<string, GateIntegration>();
    try {
      const integrationIds = [...new Set(conversations.map((message) => message.integrationId))];
      for (const integration of await this.integrations.loadForBatch(integrationIds, [])) byId.set(integration.id, integration);
    } catch {
      return messages.filter((message) => !conversations.includes(message));
    }
    const verdicts = new Map<string, Promise<boolean>>();
    const allowed = await Promise.all(
      messages.map((message) => {
        if (!conversations.includes(message)) return true;
        const key = `${message.integrationId}:${message.slackChannelId}`;
        if (!verdicts.has(key)) verdicts.set(key, this.isMember(byId.get(message.integrationId), message.userId, message.slackChannelId ?? ''));
        return verdicts.get(key);
      }),
    );
    return messages.filter((_, index) => allowed[index] === true);
  }

  private async isMember(integration: GateIntegration | undefined, userId: string, channelId: string): Promise<boolean> {
    if (!integration || integration.userId !== userId || integration.status !== 'connected') return false;
    const team = slackTeamId(integration);
    const self = slackSelfUserId(integration);
    if (!team || !self) return false;
    try {
      const members = await this.directory.members(team, this.tokens.accessToken(integration), channelId);
      return members.includes(self);
    } catch {
      return false;
    }
  }
}
