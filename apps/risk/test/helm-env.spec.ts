import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '@sentinel/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RiskEnv } from '../src/risk.env';

/**
 * Drift test of the Helm chart (k8s/sentinel) against RiskEnv: the chart's risk Deployment sets
 * every variable the config class requires, and its values (with stand-ins for what the
 * operator's Secret provides) pass the validation the service runs at boot. The chart is rendered
 * by tools/helm-render/chart-env.js, run as a process: an app does not import tool code.
 */
interface ChartEnvironment {
  names: string[];
  environment: Record<string, string>;
}

describe('Helm chart env of risk against RiskEnv', () => {
  let chart: ChartEnvironment;

  beforeAll(() => {
    const script = resolve(__dirname, '../../../tools/helm-render/chart-env.js');
    chart = JSON.parse(execFileSync(process.execPath, [script, 'risk'], { encoding: 'utf8', timeout: 10 * 60_000 })) as ChartEnvironment;
  }, 10 * 60_000);

  it('sets every variable RiskEnv requires', () => {
    const required = validateSync(plainToInstance(RiskEnv, {}, { exposeDefaultValues: true })).map((error) => error.property);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !chart.names.includes(name))).toEqual([]);
  });

  it("passes RiskEnv's validation, as the service does at boot", () => {
    expect(() => loadConfig(RiskEnv, chart.environment)).not.toThrow();
  });
});
