import type { InboundItem } from '../inbound/inbound-item.event';
import type { GateIntegration } from '../repositories/gate-integration.repository';

/** One item for one user through one of that user's integrations: the unit the gate decides. */
export interface GateCandidate {
  deliveryIndex: number;
  item: InboundItem;
  integration: GateIntegration;
}

export interface RoutedBatch {
  candidates: GateCandidate[];
  /** Deliveries naming an integration that is missing, not connected, or not the user's. */
  unusable: number[];
  /** Slack items of a workspace where nobody has connected Slack. */
  unrouted: InboundItem[];
}

/** The Slack user id of the person who connected a Slack integration (`<team>:<user>`). */
export function slackSelfUserId(integration: GateIntegration): string | undefined {
  return integration.provider === 'slack' ? integration.externalAccountId.split(':')[1] || undefined : undefined;
}

export function slackTeamId(integration: GateIntegration): string | undefined {
  return integration.provider === 'slack' ? integration.externalAccountId.split(':')[0] || undefined : undefined;
}

/**
 * Turns deliveries into candidates without I/O. An item naming its integration is checked for that
 * integration only; a Slack item naming a workspace goes to every connected Slack integration of it
 * (channel membership is checked later, against Slack).
 */
export function routeCandidates(items: ReadonlyArray<{ index: number; item: InboundItem }>, integrations: readonly GateIntegration[]): RoutedBatch {
  const byId = new Map(integrations.map((integration) => [integration.id, integration]));
  const slackByTeam = new Map<string, GateIntegration[]>();
  for (const integration of integrations) {
    const team = slackTeamId(integration);
    if (!team || integration.status !== 'connected') continue;
    slackByTeam.set(team, [...(slackByTeam.get(team) ?? []), integration]);
  }
  const routed: RoutedBatch = { candidates: [], unusable: [], unrouted: [] };
  for (const { index, item } of items) {
    if (item.integration_id !== undefined) {
      const integration = byId.get(item.integration_id);
      const usable =
        integration?.status === 'connected' &&
        integration.userId === item.user_id &&
        (item.source === 'meeting_bot' || integration.provider === item.source);
      if (usable) routed.candidates.push({ deliveryIndex: index, item, integration });
      else routed.unusable.push(index);
      continue;
    }
    const team = slackByTeam.get(item.slack_team_id ?? '') ?? [];
    if (team.length === 0) routed.unrouted.push(item);
    for (const integration of team) routed.candidates.push({ deliveryIndex: index, item, integration });
  }
  return routed;
}
