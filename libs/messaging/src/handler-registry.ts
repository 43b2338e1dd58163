import type { ClassConstructor } from 'class-transformer';
import type { EventEnvelope } from './event-envelope';
import type { Delivery, DeliveryInfo, DeliveryOutcome } from './delivery';

export type SingleEventHandler = (envelope: EventEnvelope<object>, info: DeliveryInfo) => Promise<DeliveryOutcome | void>;
export type BatchEventHandler = (deliveries: Delivery<object>[]) => Promise<DeliveryOutcome[]>;

export type RegisteredHandler =
  | { kind: 'single'; type: string; schema?: ClassConstructor<object>; handle: SingleEventHandler }
  | {
      kind: 'batch';
      type: string;
      schema?: ClassConstructor<object>;
      maxSize: number;
      maxWaitMs: number;
      maxConcurrent: number;
      /** `Infinity` when only `maxSize` bounds a batch. */
      maxBytes: number;
      handle: BatchEventHandler;
    };
