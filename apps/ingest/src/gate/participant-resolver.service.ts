import { Injectable } from '@nestjs/common';
import { normalizeEmail } from '@sentinel/providers';
import { ParticipantResolutionError } from '../errors/participant-resolution.error';
import { IngestErrorCode } from '../errors/ingest.error';
import { MEMBER_PARTICIPANT_KINDS, type InboundParticipant } from '../inbound/inbound-item.event';
import type { GateIntegration } from '../repositories/gate-integration.repository';
import { IntegrationTokenReader } from '../slack/integration-token.reader';
import { SlackDirectoryClient } from '../slack/slack-directory.client';
import { slackSelfUserId, slackTeamId, type GateCandidate } from './candidate.router';
import { memoizedNormalizer, resolveParticipants, type AddressNormalizer, type ResolvedParticipants, type SelfIdentity } from './participant-set';

export interface ResolvedCandidate {
  candidate: GateCandidate;
  participants: ResolvedParticipants;
}

export interface ResolutionResult {
  resolved: ResolvedCandidate[];
  /** Deliveries whose participants could not be resolved, with why. */
  failures: Map<number, ParticipantResolutionError>;
  /** Slack candidates whose user is not in the conversation: not theirs to store. */
  notMembers: GateCandidate[];
}

/**
 * Resolves each candidate's participants to normalized addresses and removes the user's own:
 * Slack user ids through users.info, DM and group-DM members through conversations.members.
 * Slack calls are grouped per integration, so one token serves all of its candidates in a batch.
 */
@Injectable()
export class ParticipantResolverService {
  constructor(
    private readonly directory: SlackDirectoryClient,
    private readonly tokens: IntegrationTokenReader,
  ) {}

  async resolve(candidates: readonly GateCandidate[], integrations: readonly GateIntegration[]): Promise<ResolutionResult> {
    const result: ResolutionResult = { resolved: [], failures: new Map(), notMembers: [] };
    const selfByUser = selfIdentities(integrations);
    const normalize = memoizedNormalizer();
    const slackGroups = new Map<string, { integration: GateIntegration; candidates: GateCandidate[] }>();
    for (const candidate of candidates) {
      if (candidate.integration.provider !== 'slack') {
        const self = selfByUser.get(candidate.integration.userId) ?? emptySelf();
        result.resolved.push({ candidate, participants: resolveParticipants(candidate.item.participants, NO_SLACK_EMAILS, self, normalize) });
      } else {
        const group = slackGroups.get(candidate.integration.id) ?? { integration: candidate.integration, candidates: [] };
        group.candidates.push(candidate);
        slackGroups.set(candidate.integration.id, group);
      }
    }
    await Promise.all(
      [...slackGroups.values()].map(async ({ integration, candidates: group }) => {
        try {
          await this.resolveSlackGroup(integration, group, selfByUser, result, normalize);
        } catch (error) {
          const failure = error instanceof ParticipantResolutionError
            ? error
            : new ParticipantResolutionError(IngestErrorCode.SlackUnavailable, 'Slack lookup failed');
          for (const candidate of group) result.failures.set(candidate.deliveryIndex, failure);
        }
      }),
    );
    return result;
  }

  private async resolveSlackGroup(
    integration: GateIntegration,
    group: readonly GateCandidate[],
    selfByUser: Map<string, SelfIdentity>,
    result: ResolutionResult,
    normalize: AddressNormalizer,
  ): Promise<void> {
    const team = slackTeamId(integration);
    if (!team) throw new ParticipantResolutionError(IngestErrorCode.IntegrationUnusable, 'Slack integration has no workspace');
    const selfSlackId = slackSelfUserId(integration);
    const token = this.tokens.accessToken(integration);

    const membersByChannel = new Map<string, string[]>();
    for (const channel of new Set(group.map((candidate) => candidate.item.conversation.id).filter(isDefined))) {
      membersByChannel.set(channel, await this.directory.members(team, token, channel));
    }
    const members: Array<{ candidate: GateCandidate; participants: InboundParticipant[] }> = [];
    for (const candidate of group) {
      const channelMembers = candidate.item.conversation.id ? membersByChannel.get(candidate.item.conversation.id) ?? [] : undefined;
      if (channelMembers && (!selfSlackId || !channelMembers.includes(selfSlackId))) {
        result.notMembers.push(candidate);
        continue;
      }
      const extra = MEMBER_PARTICIPANT_KINDS.includes(candidate.item.conversation.kind)
        ? (channelMembers ?? []).map((id): InboundParticipant => ({ role: 'member', slack_user_id: id }))
        : [];
      members.push({ candidate, participants: [...candidate.item.participants, ...extra] });
    }
    if (members.length === 0) return;

    const slackIds = new Set<string>(selfSlackId ? [selfSlackId] : []);
    for (const { participants } of members) {
      for (const participant of participants) if (participant.slack_user_id) slackIds.add(participant.slack_user_id);
    }
    const emails = await this.directory.emails(team, token, [...slackIds]);
    const userSelf = selfByUser.get(integration.userId) ?? emptySelf();
    const selfEmail = normalize(selfSlackId ? emails.get(selfSlackId) : null);
    const self: SelfIdentity = {
      emails: selfEmail ? new Set([...userSelf.emails, selfEmail]) : userSelf.emails,
      slackUserIds: userSelf.slackUserIds,
    };
    for (const { candidate, participants } of members) {
      result.resolved.push({ candidate, participants: resolveParticipants(participants, emails, self, normalize) });
    }
  }
}

/** The user's own identities, from every integration they connected (mailbox address and aliases, Slack user and email). */
function selfIdentities(integrations: readonly GateIntegration[]): Map<string, SelfIdentity> {
  const byUser = new Map<string, { emails: Set<string>; slackUserIds: Set<string> }>();
  for (const integration of integrations) {
    const self = byUser.get(integration.userId) ?? { emails: new Set<string>(), slackUserIds: new Set<string>() };
    byUser.set(integration.userId, self);
    const slackUser = slackSelfUserId(integration);
    if (slackUser) self.slackUserIds.add(slackUser);
    const email = integration.provider === 'slack' ? null : normalizeEmail(integration.externalAccountId);
    if (email) self.emails.add(email);
    for (const address of integration.selfAddresses) self.emails.add(address);
  }
  return byUser;
}

const NO_SLACK_EMAILS: ReadonlyMap<string, string | null> = new Map();

function emptySelf(): SelfIdentity {
  return { emails: new Set(), slackUserIds: new Set() };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
