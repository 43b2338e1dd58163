import { Enforcer, newEnforcer, newModelFromString } from 'casbin';
import fc from 'fast-check';
import { naiveScopeMatches } from './naive-scope.matcher';
import { compileScopeMatcher } from './scope-matcher.compiler';

// Small alphabets so generated names and globs actually collide; each property that could pass
// vacuously also asserts that a healthy share of its cases matched.
const SEGMENTS = ['a', 'b', 'c-d', 'e_1'];
const segment = fc.constantFrom(...SEGMENTS);
const globSegment = fc.oneof({ weight: 2, arbitrary: segment }, { weight: 1, arbitrary: fc.constant('*') });
const segmentsOf = (arb: fc.Arbitrary<string>) => fc.array(arb, { minLength: 1, maxLength: 4 });
const name = segmentsOf(segment).map((parts) => parts.join('.'));
const glob = segmentsOf(globSegment).map((parts) => parts.join('.'));

/** A name the glob matches: every `*` filled with one segment. */
const instanceOf = (pattern: string): fc.Arbitrary<string> =>
  fc
    .tuple(...pattern.split('.').map((part) => (part === '*' ? segment : fc.constant(part))))
    .map((parts) => parts.join('.'));

/** Grants plus a candidate that is either random or built from one of the grants. */
const grantsAndCandidate = fc
  .array(glob, { minLength: 1, maxLength: 8 })
  .chain((grants) =>
    fc.tuple(fc.constant(grants), fc.oneof(name, fc.constantFrom(...grants).chain(instanceOf))),
  );

const RUNS = { numRuns: 2000 };

/** Counts how often a property's case matched, to prove the property was not vacuous. */
class MatchTally {
  private matched = 0;
  private total = 0;

  record(matched: boolean): boolean {
    this.total++;
    if (matched) this.matched++;
    return matched;
  }

  get share(): number {
    return this.matched / this.total;
  }
}

describe('glob semantics (fast-check)', () => {
  it('`*` stands for exactly one segment and never crosses a dot', () => {
    const gluedPair = fc.tuple(segment, segment).map(([x, y]) => `${x}.${y}`);
    const globWithStar = glob.filter((pattern) => pattern.includes('*'));
    fc.assert(
      fc.property(globWithStar, segment, gluedPair, (pattern, one, two) => {
        const parts = pattern.split('.');
        const at = parts.indexOf('*');
        // The first `*` gets the probe; any other `*` gets a plain segment.
        const fill = (probe: string) =>
          parts.map((part, i) => (i === at ? probe : part === '*' ? 'a' : part)).join('.');
        const matcher = compileScopeMatcher([pattern]);
        expect(matcher.matches(fill(one))).toBe(true);
        expect(matcher.matches(fill(two))).toBe(false);
      }),
      RUNS,
    );
  });

  it('a glob without `*` matches only itself', () => {
    const tally = new MatchTally();
    // A star-free glob is just a name; the candidate is that name or any other.
    const candidates = name.chain((pattern) =>
      fc.tuple(fc.constant(pattern), fc.oneof(fc.constant(pattern), name)),
    );
    fc.assert(
      fc.property(candidates, ([pattern, candidate]) => {
        const matched = tally.record(compileScopeMatcher([pattern]).matches(candidate));
        expect(matched).toBe(candidate === pattern);
      }),
      RUNS,
    );
    expect(tally.share).toBeGreaterThan(0.3);
  });

  it('differing segment counts never match', () => {
    const cases = glob.chain((pattern) => fc.tuple(fc.constant(pattern), instanceOf(pattern), segment, name));
    fc.assert(
      fc.property(cases, ([pattern, hit, extra, other]) => {
        const matcher = compileScopeMatcher([pattern]);
        const count = pattern.split('.').length;
        // Control: the near misses below differ from a matching name only in their length.
        expect(matcher.matches(hit)).toBe(true);
        expect(matcher.matches(`${hit}.${extra}`)).toBe(false);
        expect(matcher.matches(`${extra}.${hit}`)).toBe(false);
        if (count > 1) expect(matcher.matches(hit.split('.').slice(1).join('.'))).toBe(false);
        if (other.split('.').length !== count) expect(matcher.matches(other)).toBe(false);
      }),
      RUNS,
    );
  });

  it('the compiled matcher agrees with the naive oracle', () => {
    const tally = new MatchTally();
    fc.assert(
      fc.property(grantsAndCandidate, ([grants, candidate]) => {
        const compiled = compileScopeMatcher(grants).matches(candidate);
        expect(tally.record(compiled)).toBe(naiveScopeMatches(grants, candidate));
      }),
      RUNS,
    );
    expect(tally.share).toBeGreaterThan(0.3);
    expect(tally.share).toBeLessThan(0.95);
  });

  it('the compiled matcher agrees with the naive oracle on malformed grants and names', () => {
    const junk = fc
      .array(fc.constantFrom('a', 'b', '.', '*', 'A', '_', '-', ' '), { maxLength: 8 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(junk, glob), { maxLength: 6 }),
        fc.oneof(junk, name),
        (grants, candidate) => {
          expect(compileScopeMatcher(grants).matches(candidate)).toBe(naiveScopeMatches(grants, candidate));
        },
      ),
      RUNS,
    );
  });
});

describe('differential oracle: casbin globMatch', () => {
  // casbin's globMatch (minimatch) treats `/` as the separator and `*` as one path segment: the
  // same semantics once dots become slashes. The leading `/` is needed because globMatch strips
  // the `*` from a pattern that starts with `*/`, which would otherwise change the meaning.
  const toPath = (dotted: string) => `/${dotted.replaceAll('.', '/')}`;
  let enforcer: Enforcer;

  beforeAll(async () => {
    const model = newModelFromString(`
      [request_definition]
      r = obj
      [policy_definition]
      p = obj
      [policy_effect]
      e = some(where (p.eft == allow))
      [matchers]
      m = globMatch(r.obj, p.obj)
    `);
    enforcer = await newEnforcer(model);
  });

  it('agrees with the compiled matcher on random grants and names: zero disagreements', async () => {
    const tally = new MatchTally();
    const disagreements: [string[], string][] = [];
    await fc.assert(
      fc.asyncProperty(grantsAndCandidate, async ([grants, candidate]) => {
        enforcer.clearPolicy();
        await enforcer.addPolicies([...new Set(grants)].map((grant) => [toPath(grant)]));
        const ours = tally.record(compileScopeMatcher(grants).matches(candidate));
        if (ours !== enforcer.enforceSync(toPath(candidate))) disagreements.push([grants, candidate]);
      }),
      { numRuns: 1000 },
    );
    expect(disagreements).toEqual([]);
    expect(tally.share).toBeGreaterThan(0.3);
  });
});
