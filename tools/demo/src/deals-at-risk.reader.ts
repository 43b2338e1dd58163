import { bearer, requestJson } from './http-json.client';

export interface DealRisk {
  name: string | null;
  level: string;
  score: number;
  reasons: string[];
}

interface DealsPage {
  data: Array<{ name: string | null; risk: { level: string; score: number; reasons: Array<{ code: string; message: string }> } }>;
}

/** Deals the analyst may read whose risk is not low, highest score first, each with its reasons. */
export async function readDealsAtRisk(riskUrl: string, token: string): Promise<DealRisk[]> {
  const page = await requestJson<DealsPage>(`${riskUrl}/deals?per_page=100`, { headers: bearer(token) });
  return page.data
    .filter((deal) => deal.risk.level !== 'low')
    .sort((a, b) => b.risk.score - a.risk.score)
    .map((deal) => ({ name: deal.name, level: deal.risk.level, score: deal.risk.score, reasons: deal.risk.reasons.map((reason) => reason.message) }));
}
