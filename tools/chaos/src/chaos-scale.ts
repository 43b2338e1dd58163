export interface ChaosScale {
  contacts: number;
  items: number;
  /** Share of items with a participant in the contact book. */
  admissibleShare: number;
  /** Share of items a source delivers a second time (a new receipt, hence a new envelope id). */
  duplicateShare: number;
}

/** Issue 11's scenario: a 10,000-contact book, 20,000 items, half admissible, 10% delivered twice. */
export const ISSUE_SCALE: ChaosScale = { contacts: 10_000, items: 20_000, admissibleShare: 0.5, duplicateShare: 0.1 };

/** The issue's scale, with `CHAOS_ITEMS` and `CHAOS_CONTACTS` overriding the counts (positive integers). */
export function scaleFromEnv(env: NodeJS.ProcessEnv): ChaosScale {
  return { ...ISSUE_SCALE, items: count(env, 'CHAOS_ITEMS', ISSUE_SCALE.items), contacts: count(env, 'CHAOS_CONTACTS', ISSUE_SCALE.contacts) };
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return value;
}
