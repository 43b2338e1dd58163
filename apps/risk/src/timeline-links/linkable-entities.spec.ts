import { RELATED_TYPES } from '@sentinel/hardening';
import { ContactEntity, DealEntity, MessageEntity } from '@sentinel/persistence';
import { LINKABLE_ENTITIES } from './linkable-entities';

describe('LINKABLE_ENTITIES', () => {
  it('SEN-HRD-11 maps exactly the allowed related types, each to its entity class', () => {
    expect(Object.keys(LINKABLE_ENTITIES).sort()).toEqual([...RELATED_TYPES].sort());
    expect(Object.fromEntries(Object.entries(LINKABLE_ENTITIES).map(([type, linkable]) => [type, linkable.entity]))).toEqual({
      deal: DealEntity,
      contact: ContactEntity,
      message: MessageEntity,
      calendar_event: MessageEntity,
    });
  });
});
