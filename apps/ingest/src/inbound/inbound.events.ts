/** The consumer (queue `sentinel.<TENANT_ID>.ingest.inbound`) that gates every inbound item. */
export const INBOUND_QUEUE = 'ingest.inbound';
/** An item to check and store (see InboundItem). */
export const INBOUND_ITEM_EVENT = 'inbound.item';
/** A provider told us an item was deleted: remove our stored copies. */
export const INBOUND_DELETION_EVENT = 'inbound.deletion';
/**
 * Ledger entries that could not be written when their deliveries settled (the database was down).
 * A queue of their own, with many more attempts than the gate's, since they wait for the database.
 */
export const LEDGER_QUEUE = 'ingest.ledger';
export const LEDGER_SETTLEMENT_ATTEMPTS = 50;
/** crm-sync's `contacts.added`: recent mail with the new contacts goes through the gate again. */
export const CONTACTS_QUEUE = 'ingest.contacts';
/** Admitted Gmail messages (`timeline.appended`) whose attachment contents are fetched, checked and stored. */
export const ATTACHMENTS_QUEUE = 'ingest.attachments';
