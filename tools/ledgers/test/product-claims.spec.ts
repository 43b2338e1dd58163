import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegexLiteral, readRepoFile, REPO_ROOT, section } from './support/markdown';

const CLAIMS = readRepoFile('PRODUCT_CLAIMS.md');

/** `- ...` items of a section. */
function items(heading: string): string[] {
  return section(CLAIMS, heading)
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2).trim());
}

/** The backticked parts of an item, in order. */
function quoted(item: string): string[] {
  return [...item.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

interface PatternRule {
  id: string;
  pattern: RegExp;
  example: string;
}

function patternRules(heading: string, prefix: string): PatternRule[] {
  return items(heading)
    .filter((item) => item.startsWith(`${prefix}-`))
    .map((item) => {
      const match = new RegExp(`^(${prefix}-\\d{2}): \`(/.+/[a-z]*)\` example: \`([^\`]+)\``).exec(item);
      if (!match) throw new Error(`malformed rule: ${item}`);
      return { id: match[1], pattern: parseRegexLiteral(match[2]), example: match[3] };
    });
}

function expandMonitored(entry: string): string[] {
  if (!entry.includes('*')) {
    if (!existsSync(join(REPO_ROOT, entry))) throw new Error(`monitored file ${entry} does not exist`);
    return [entry];
  }
  const match = /^(.*)\/\*(\.[a-z]+)$/.exec(entry);
  if (!match) throw new Error(`unsupported glob ${entry} (only dir/*.ext)`);
  const [, folder, extension] = match;
  const found = readdirSync(join(REPO_ROOT, folder))
    .filter((name) => name.endsWith(extension) && statSync(join(REPO_ROOT, folder, name)).isFile())
    .map((name) => `${folder}/${name}`);
  if (found.length === 0) throw new Error(`monitored glob ${entry} matches nothing`);
  return found;
}

/** Lowercased, with every run of whitespace (line breaks included) as one space. */
function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').toLowerCase();
}

const monitored = [...new Set(items('Monitored files').flatMap((item) => quoted(item).flatMap(expandMonitored)))];
const banned = items('Banned phrases').map((item) => quoted(item)[0]).filter((phrase): phrase is string => Boolean(phrase));
const pairs = items('Contradiction rules')
  .filter((item) => item.startsWith('PAIR-'))
  .map((item) => {
    const match = /^(PAIR-\d{2}): `([^`]+)` \+ `([^`]+)`/.exec(item);
    if (!match) throw new Error(`malformed pair: ${item}`);
    return { id: match[1], first: match[2], second: match[3] };
  });
const docRules = patternRules('Contradiction rules', 'DOC');
const codeRules = patternRules('Code rules', 'CODE');
const codeRoots = items('Code rules').filter((item) => item.startsWith('root: ')).map((item) => quoted(item)[0]);
const codeExcludes = items('Code rules')
  .filter((item) => item.startsWith('exclude: '))
  .map((item) => parseRegexLiteral(quoted(item)[0]));

function sourceFiles(folder: string): string[] {
  const absolute = join(REPO_ROOT, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (codeExcludes.some((exclude) => exclude.test(entry.isDirectory() ? `${relative}/` : relative))) return [];
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [relative] : [];
  });
}

describe('PRODUCT_CLAIMS.md', () => {
  it('parses enough rules that the checks cannot pass vacuously', () => {
    expect(monitored.length).toBeGreaterThanOrEqual(5);
    expect(monitored).toEqual(expect.arrayContaining(['README.md', 'k8s/sentinel/README.md', 'docker/README.md', 'bench/README.md']));
    expect(monitored.filter((path) => path.startsWith('docs/')).length).toBeGreaterThan(0);
    expect(banned.length).toBeGreaterThanOrEqual(5);
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    expect(docRules.length).toBeGreaterThanOrEqual(3);
    expect(codeRules.length).toBeGreaterThanOrEqual(5);
    expect(codeRoots).toEqual(['apps', 'libs', 'tools']);
    expect(codeExcludes.length).toBeGreaterThanOrEqual(3);
  });

  it('has unique rule ids, and every pattern matches its own example', () => {
    const ids = [...pairs, ...docRules, ...codeRules].map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    const broken = [...docRules, ...codeRules].filter((rule) => !rule.pattern.test(rule.example)).map((rule) => rule.id);
    expect(broken).toEqual([]);
  });

  it('no monitored file contains a banned phrase', () => {
    const hits = monitored.flatMap((path) => {
      const text = flatten(readRepoFile(path));
      return banned.filter((phrase) => text.includes(flatten(phrase))).map((phrase) => `${path}: "${phrase}"`);
    });
    expect(hits).toEqual([]);
  });

  it('no monitored file holds both phrases of a contradiction pair, or matches a contradiction pattern', () => {
    const hits = monitored.flatMap((path) => {
      const raw = readRepoFile(path);
      const text = flatten(raw);
      const pairHits = pairs
        .filter((pair) => text.includes(flatten(pair.first)) && text.includes(flatten(pair.second)))
        .map((pair) => `${path}: ${pair.id} "${pair.first}" + "${pair.second}"`);
      const patternHits = docRules
        .filter((rule) => rule.pattern.test(raw.replace(/\s+/g, ' ')))
        .map((rule) => `${path}: ${rule.id} ${rule.pattern}`);
      return [...pairHits, ...patternHits];
    });
    expect(hits).toEqual([]);
  });

  it('SEN-ING-13 no source file breaks a code rule', () => {
    const files = codeRoots.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((path) => /\.(spec|int-spec)\.ts$/.test(path) || path.startsWith('tools/ledgers/'))).toBe(false);
    const hits: string[] = [];
    for (const path of files) {
      const lines = readFileSync(join(REPO_ROOT, path), 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const rule of codeRules) {
          if (rule.pattern.test(line)) hits.push(`${path}:${index + 1}: ${rule.id} ${line.trim().slice(0, 120)}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });
});
