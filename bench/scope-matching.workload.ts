/**
 * Deterministic workload for the scope-matching benchmark: scope sets shaped like real policies and
 * service-account scopes, plus checks that mix matching and non-matching permissions.
 */

const TENANTS = ['acme', 'globex', 'initech', 'umbrella'];
const RESOURCES = [
  'contacts', 'deals', 'tasks', 'notes', 'documents', 'projects',
  'invoices', 'reports', 'calendar', 'emails', 'webhooks', 'settings',
];
const VERBS = ['view', 'create', 'update', 'delete', 'export', 'import', 'assign', 'archive'];

export interface ScopeMatchingWorkload {
  readonly scopeSets: readonly (readonly string[])[];
  /** Check i asks whether scopeSets[setIndexes[i]] grants permissions[i]. */
  readonly setIndexes: Uint16Array;
  readonly permissions: readonly string[];
  /** Distinct permission names the checks draw from (the route catalogue). */
  readonly catalogueSize: number;
}

export interface WorkloadShape {
  readonly seed: number;
  readonly scopeSets: number;
  readonly minScopes: number;
  readonly maxScopes: number;
  readonly checks: number;
  /** Share of checks built from one of the set's own globs; the rest are random catalogue names. */
  readonly targetedShare: number;
}

/** mulberry32: tiny, seedable, good enough to make the workload reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildWorkload(shape: WorkloadShape): ScopeMatchingWorkload {
  const random = seededRandom(shape.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  // One string instance per name, as route constants are: V8 hashes each of them once.
  const catalogue = new Map<string, string>();
  for (const tenant of TENANTS) {
    for (const resource of RESOURCES) {
      for (const verb of VERBS) {
        const name = `tenant.${tenant}.crm.${resource}.${verb}`;
        catalogue.set(name, name);
      }
    }
  }
  const catalogueNames = [...catalogue.values()];

  const scopeSets = Array.from({ length: shape.scopeSets }, (_, k) => {
    const home = pick(TENANTS);
    // Sizes spread evenly from minScopes to maxScopes across the sets.
    const spread = (shape.maxScopes - shape.minScopes) / Math.max(1, shape.scopeSets - 1);
    const size = shape.minScopes + Math.round(k * spread);
    const globs = new Set<string>();
    while (globs.size < size) {
      const roll = random();
      if (roll < 0.6) globs.add(`tenant.${home}.crm.${pick(RESOURCES)}.${pick(VERBS)}`);
      else if (roll < 0.75) globs.add(`tenant.${home}.crm.${pick(RESOURCES)}.*`);
      else if (roll < 0.85) globs.add(`tenant.${home}.crm.*.${pick(VERBS)}`);
      else if (roll < 0.95) globs.add(`tenant.*.crm.${pick(RESOURCES)}.${pick(VERBS)}`);
      else globs.add(`tenant.*.crm.${pick(RESOURCES)}.*`);
    }
    return [...globs];
  });

  const setIndexes = new Uint16Array(shape.checks);
  const permissions: string[] = [];
  for (let i = 0; i < shape.checks; i++) {
    const setIndex = i % scopeSets.length;
    setIndexes[i] = setIndex;
    if (random() < shape.targetedShare) {
      const [, tenant, , resource, verb] = pick(scopeSets[setIndex]).split('.');
      const name = `tenant.${tenant === '*' ? pick(TENANTS) : tenant}.crm.${
        resource === '*' ? pick(RESOURCES) : resource
      }.${verb === '*' ? pick(VERBS) : verb}`;
      permissions.push(catalogue.get(name) ?? name);
    } else {
      permissions.push(pick(catalogueNames));
    }
  }
  return { scopeSets, setIndexes, permissions, catalogueSize: catalogue.size };
}

/** Fresh, never-repeated names of the same shape: every check misses the split cache. */
export function uniquePermissions(permissions: readonly string[]): string[] {
  return permissions.map((name, i) => name.replace(/^tenant\.([a-z]+)\./, `tenant.$1-${i}.`));
}
