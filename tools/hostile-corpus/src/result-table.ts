import type { CaseResult } from './hostile-case';
import { SERVICES } from './hostile-case';

const clip = (value: string, width: number): string => {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > width ? `${printable.slice(0, width - 1)}~` : printable.padEnd(width);
};

export function isAcceptable(result: CaseResult): boolean {
  return result.testCase.expected.includes(result.status);
}

/** One table per service: case, route, expected status, actual status (and a verdict). */
export function formatResultTable(results: CaseResult[]): string {
  const lines: string[] = [];
  for (const service of SERVICES) {
    const rows = results.filter((result) => result.testCase.service === service);
    if (rows.length === 0) continue;
    lines.push('', `== ${service}: ${rows.length} cases`, `${clip('case', 58)} ${clip('route', 52)} ${clip('expected', 12)} actual`);
    for (const result of rows) {
      const { testCase } = result;
      lines.push(
        `${clip(`[${testCase.category}] ${testCase.name}`, 58)} ${clip(`${testCase.method} ${testCase.path}`, 52)} ${clip(testCase.expected.join('|'), 12)} ${result.status}${result.error ? ` (${result.error})` : ''}${isAcceptable(result) ? '' : '  <-- UNEXPECTED'}`,
      );
    }
  }
  return lines.join('\n');
}

/** Cases per category and service. */
export function formatCountTable(results: CaseResult[]): string {
  const counts = new Map<string, Record<string, number>>();
  for (const { testCase } of results) {
    const row = counts.get(testCase.category) ?? {};
    row[testCase.service] = (row[testCase.service] ?? 0) + 1;
    counts.set(testCase.category, row);
  }
  const lines = [`${clip('category', 16)} ${SERVICES.map((service) => clip(service, 16)).join(' ')} total`];
  for (const [category, row] of counts) {
    const total = Object.values(row).reduce((sum, count) => sum + count, 0);
    lines.push(`${clip(category, 16)} ${SERVICES.map((service) => clip(String(row[service] ?? 0), 16)).join(' ')} ${total}`);
  }
  lines.push(`${clip('total', 16)} ${SERVICES.map((service) => clip(String(results.filter((r) => r.testCase.service === service).length), 16)).join(' ')} ${results.length}`);
  return lines.join('\n');
}
