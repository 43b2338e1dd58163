import type { CorpusContext } from './corpus-context';
import type { CaseResult, HostileCase } from './hostile-case';
import { sendCase } from './send-case';

/** Sends every case to its service, `concurrency` at a time, keeping the corpus order. */
export async function runCorpus(ctx: CorpusContext, cases: HostileCase[], concurrency = 8): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await sendCase(ctx.urls[cases[index].service], cases[index]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
