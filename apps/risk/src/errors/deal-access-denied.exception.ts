import { ResourceAccessDeniedException } from './resource-access-denied.exception';

/**
 * 403 of the deal-team guard. `resource_type` is `deals` for every deal route (notes and documents
 * included), since what is refused is the deal, whatever the verb.
 */
export class DealAccessDeniedException extends ResourceAccessDeniedException {
  constructor(requiredPermission: string, userId: string, dealId: string) {
    super('deals', requiredPermission, userId, dealId);
  }
}
