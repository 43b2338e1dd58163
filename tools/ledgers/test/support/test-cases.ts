import * as ts from 'typescript';

/** One `it`/`test`/`describe` call found in a test file, with its title as written in the source. */
export interface TestCase {
  title: string;
  kind: 'test' | 'suite';
  /** `.skip`, `.todo`, `xit`/`xtest`/`xdescribe`, or inside a skipped `describe`. */
  skipped: boolean;
  /** `.only`, `fit`, `fdescribe`: every other case of the file would be skipped. */
  focused: boolean;
  line: number;
}

const TEST_ROOTS = new Set(['it', 'test', 'xit', 'xtest', 'fit']);
const SUITE_ROOTS = new Set(['describe', 'xdescribe', 'fdescribe']);

/** `it.skip.each` -> { root: 'it', members: ['skip', 'each'] }; anything else -> null. */
function chainOf(expression: ts.Expression): { root: string; members: string[] } | null {
  if (ts.isIdentifier(expression)) return { root: expression.text, members: [] };
  if (ts.isPropertyAccessExpression(expression)) {
    const inner = chainOf(expression.expression);
    return inner ? { root: inner.root, members: [...inner.members, expression.name.text] } : null;
  }
  return null;
}

function titleOf(node: ts.Expression | undefined, source: ts.SourceFile): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText(source).slice(1, -1);
  return null;
}

/**
 * Every test case title of a test file, parsed with the TypeScript compiler (not with a regular
 * expression), so comments, strings that merely look like calls, and multi-line `it.each` tables
 * are handled as jest sees them.
 */
export function testCasesOf(fileName: string, text: string): TestCase[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const cases: TestCase[] = [];

  const visit = (node: ts.Node, insideSkipped: boolean): void => {
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      let table = false;
      if (ts.isCallExpression(callee)) {
        // it.each(table)('title', fn) / describe.skip.each(table)('title', fn)
        const inner = chainOf(callee.expression);
        if (inner && inner.members[inner.members.length - 1] === 'each') {
          callee = callee.expression;
          table = true;
        }
      }
      const chain = ts.isCallExpression(callee) ? null : chainOf(callee);
      const isTestCall =
        chain !== null &&
        (TEST_ROOTS.has(chain.root) || SUITE_ROOTS.has(chain.root)) &&
        (table || chain.members[chain.members.length - 1] !== 'each');
      const title = isTestCall ? titleOf(node.arguments[0], source) : null;
      if (chain && isTestCall && title !== null) {
        const skipped =
          insideSkipped ||
          chain.root.startsWith('x') ||
          chain.members.includes('skip') ||
          chain.members.includes('todo');
        const focused = chain.root === 'fit' || chain.root === 'fdescribe' || chain.members.includes('only');
        cases.push({
          title,
          kind: SUITE_ROOTS.has(chain.root) ? 'suite' : 'test',
          skipped,
          focused,
          line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        });
        node.forEachChild((child) => visit(child, skipped));
        return;
      }
    }
    node.forEachChild((child) => visit(child, insideSkipped));
  };

  visit(source, false);
  return cases;
}
