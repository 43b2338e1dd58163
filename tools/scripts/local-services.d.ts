/** Types of local-services.js (plain CommonJS so `npm test` and `npm start` run it before anything is compiled). */
export interface LocalService {
  name: string;
  port: number;
  installed: () => boolean;
  start: () => string;
  hint: string;
  /** Whether the running service speaks its protocol, beyond accepting TCP (RabbitMQ). */
  answers?: (port: number, timeoutMs: number) => Promise<boolean>;
  stuckHint?: string;
}

export const SERVICES: readonly LocalService[];
export function isListening(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export function answersAmqp(port: number, timeoutMs: number, host?: string): Promise<boolean>;
export function ensureLocalServices(log?: (line: string) => void, services?: readonly LocalService[], answerTimeoutMs?: number): Promise<string[]>;
