import { verifyAuditChain, type AuditChainVerdict } from '@sentinel/audit';
import { applicationDataSourceOptions } from '@sentinel/persistence';
import { DataSource } from 'typeorm';

/** Exit codes: 0 the chain holds, 2 it is broken (1 is left to "could not check"). */
export const CHAIN_BROKEN_EXIT_CODE = 2;

/** Walks the tenant's activity_log chain and reports one line; returns the process exit code. */
export async function runAuditVerify(databaseUrl: string, write: (line: string) => void): Promise<number> {
  const dataSource = await new DataSource(
    applicationDataSourceOptions({ url: databaseUrl, poolSize: 1, applicationName: 'sentinel-audit-verify' }),
  ).initialize();
  try {
    const verdict = await verifyAuditChain(dataSource);
    write(describeVerdict(verdict));
    return verdict.ok ? 0 : CHAIN_BROKEN_EXIT_CODE;
  } finally {
    await dataSource.destroy();
  }
}

export function describeVerdict(verdict: AuditChainVerdict): string {
  return verdict.ok
    ? `activity_log chain intact: ${verdict.rows} row(s), head seq ${verdict.headSeq} hash ${verdict.headHash}`
    : `activity_log chain BROKEN at seq ${verdict.brokenAtSeq}: ${verdict.reason} (${verdict.rows} row(s) before it verified)`;
}
