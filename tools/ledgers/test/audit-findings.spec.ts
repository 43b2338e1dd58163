import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, readRepoFile, tableCells } from './support/markdown';
import { testCasesOf, TestCase } from './support/test-cases';

const LEDGER = 'AUDIT_FINDINGS.md';
const HEADER = ['id', 'source', 'title', 'severity', 'status', 'regression test', 'note'];
const ID = /^SEN-(TOK|TEN|ING|HRD)-\d{2}$/;
const ANY_ID = /\bSEN-[A-Z]{3}-\d{2}\b/g;
const SEVERITIES = new Set(['critical', 'high', 'medium', 'low']);
const TEST_REFERENCE = /^`([^`›]+?\.(?:spec|int-spec)\.ts) › ([^`]+)`$/;
const RENAME_PENDING = /rename pending/i;

interface Finding {
  id: string;
  source: string;
  title: string;
  severity: string;
  status: string;
  test: string;
  note: string;
  line: number;
}

/** The ledger table, strictly: one header, then only well-formed rows until the table ends. */
function parseLedger(markdown: string): { findings: Finding[]; errors: string[] } {
  const lines = markdown.split('\n');
  const headerAt = lines.findIndex((line) => tableCells(line)?.[0] === 'id');
  const errors: string[] = [];
  if (headerAt < 0) return { findings: [], errors: ['no table with an "id" header'] };
  if (JSON.stringify(tableCells(lines[headerAt])) !== JSON.stringify(HEADER)) {
    errors.push(`header must be | ${HEADER.join(' | ')} |`);
  }
  if (!/^\|(\s*-+\s*\|)+$/.test(lines[headerAt + 1]?.trim() ?? '')) errors.push('header separator row missing');
  const findings: Finding[] = [];
  for (let index = headerAt + 2; index < lines.length; index++) {
    const cells = tableCells(lines[index]);
    if (cells === null) {
      if (lines.slice(index).some((line) => tableCells(line) !== null)) errors.push(`line ${index + 1}: a second table or a row after a gap`);
      break;
    }
    if (cells.length !== HEADER.length) {
      errors.push(`line ${index + 1}: ${cells.length} cells, expected ${HEADER.length} (a "|" inside a cell?)`);
      continue;
    }
    const [id, source, title, severity, status, test, note] = cells;
    findings.push({ id, source, title, severity, status, test, note, line: index + 1 });
  }
  return { findings, errors };
}

const ledger = parseLedger(readRepoFile(LEDGER));
const findings = ledger.findings;
const closed = findings.filter((finding) => finding.status === 'closed');
const casesByFile = new Map<string, TestCase[]>();

function casesOf(path: string): TestCase[] {
  let cases = casesByFile.get(path);
  if (!cases) {
    cases = testCasesOf(path, readFileSync(join(REPO_ROOT, path), 'utf8'));
    casesByFile.set(path, cases);
  }
  return cases;
}

/** Why a closed finding's regression test does not prove it; empty when it does. */
function referenceProblems(finding: Finding): string[] {
  const match = TEST_REFERENCE.exec(finding.test);
  if (!match) return [`${finding.id}: regression test must be \`path/to/file.spec.ts › title substring\`, got ${finding.test}`];
  const [, path, substring] = match;
  if (!existsSync(join(REPO_ROOT, path))) return [`${finding.id}: ${path} does not exist`];
  const cases = casesOf(path);
  const matching = cases.filter((testCase) => testCase.title.includes(substring));
  if (matching.length === 0) return [`${finding.id}: no test case title in ${path} contains "${substring}"`];
  if (matching.length > 1) return [`${finding.id}: "${substring}" is ambiguous in ${path} (lines ${matching.map((c) => c.line).join(', ')})`];
  const [testCase] = matching;
  const problems: string[] = [];
  if (testCase.skipped) problems.push(`${finding.id}: ${path}:${testCase.line} "${testCase.title}" is skipped`);
  if (cases.some((other) => other.focused)) problems.push(`${finding.id}: ${path} has a focused (.only) case, so the others do not run`);
  const named = new RegExp(`\\b${finding.id}\\b`).test(testCase.title);
  if (RENAME_PENDING.test(finding.note)) {
    if (named) problems.push(`${finding.id}: the test already carries the id; drop "rename pending" from the note`);
  } else if (!named) {
    problems.push(`${finding.id}: the test title "${testCase.title}" does not carry the id (rename it, or note "rename pending")`);
  }
  return problems;
}

function specFiles(folder: string): string[] {
  const absolute = join(REPO_ROOT, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return ['node_modules', 'dist', 'coverage'].includes(entry.name) ? [] : specFiles(relative);
    return /\.(spec|int-spec)\.ts$/.test(entry.name) ? [relative] : [];
  });
}

describe('AUDIT_FINDINGS.md', () => {
  it('is one well-formed table', () => {
    expect(ledger.errors).toEqual([]);
  });

  it('checks enough findings that it cannot pass vacuously', () => {
    expect(findings.length).toBeGreaterThanOrEqual(30);
    expect(closed.length).toBeGreaterThan(20);
    for (const area of ['TOK', 'TEN', 'ING', 'HRD']) {
      expect(closed.filter((finding) => finding.id.startsWith(`SEN-${area}-`)).length).toBeGreaterThan(0);
    }
  });

  it('has well-formed, unique ids and known severities and statuses', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const finding of findings) {
      if (!ID.test(finding.id)) problems.push(`line ${finding.line}: malformed id "${finding.id}"`);
      if (seen.has(finding.id)) problems.push(`line ${finding.line}: duplicate id ${finding.id}`);
      seen.add(finding.id);
      if (!SEVERITIES.has(finding.severity)) problems.push(`${finding.id}: severity "${finding.severity}"`);
      if (finding.status !== 'closed' && finding.status !== 'open') problems.push(`${finding.id}: status "${finding.status}"`);
      if (!finding.title || !finding.source) problems.push(`${finding.id}: title and source are required`);
      if (finding.status === 'open' && finding.test !== '—') problems.push(`${finding.id}: an open finding names no test (—)`);
    }
    expect(problems).toEqual([]);
  });

  it('names, for every closed finding, an existing test case that runs and carries the id', () => {
    const problems = closed.flatMap(referenceProblems);
    expect(problems).toEqual([]);
  });

  it('knows every finding id that a test title claims', () => {
    const known = new Set(findings.map((finding) => finding.id));
    const unknown: string[] = [];
    let files = 0;
    for (const path of ['apps', 'libs', 'tools', 'bench'].flatMap(specFiles)) {
      files++;
      for (const testCase of casesOf(path)) {
        for (const id of testCase.title.match(ANY_ID) ?? []) {
          if (!known.has(id)) unknown.push(`${path}:${testCase.line} ${id}`);
        }
      }
    }
    expect(files).toBeGreaterThan(50);
    expect(unknown).toEqual([]);
  });
});

describe('the test-case parser behind the ledger check', () => {
  // A spec file's text as the parser sees it; kept as a .txt fixture so jest never runs it.
  const source = readFileSync(join(__dirname, 'fixtures', 'parser-sample.spec.txt'), 'utf8');
  const cases = testCasesOf('sample.spec.ts', source);
  const byTitle = new Map(cases.map((testCase) => [testCase.title, testCase]));

  it('finds titles of plain, table and template cases, and nothing in comments or strings', () => {
    expect(cases.map((testCase) => testCase.title)).toEqual([
      'suite',
      'runs',
      'skipped with .skip',
      'skipped with xit',
      'a todo',
      'table %i',
      'skipped table %i',
      'skipped suite',
      'inside a skipped suite',
      'x suite',
      'inside an x suite',
      'template ${text}',
    ]);
  });

  it('marks .skip, xit, .todo, skipped tables and everything inside a skipped describe as skipped', () => {
    const skipped = cases.filter((testCase) => testCase.skipped).map((testCase) => testCase.title);
    expect(skipped).toEqual([
      'skipped with .skip',
      'skipped with xit',
      'a todo',
      'skipped table %i',
      'skipped suite',
      'inside a skipped suite',
      'x suite',
      'inside an x suite',
    ]);
    expect(byTitle.get('runs')?.skipped).toBe(false);
    expect(byTitle.get('table %i')?.skipped).toBe(false);
  });

  it('rejects a malformed or duplicated ledger', () => {
    const bad = parseLedger(
      [
        `| ${HEADER.join(' | ')} |`,
        '|---|---|---|---|---|---|---|',
        '| SEN-TOK-1 | s | t | high | closed | — | |',
        '| SEN-TOK-01 | s | t | high | closed | — | extra | cell |',
      ].join('\n'),
    );
    expect(bad.errors).toHaveLength(1);
    expect(ID.test(bad.findings[0].id)).toBe(false);
    expect(referenceProblems({ ...bad.findings[0], id: 'SEN-TOK-99', test: '`libs/none/missing.spec.ts › x`' })).toEqual([
      'SEN-TOK-99: libs/none/missing.spec.ts does not exist',
    ]);
  });
});
