import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '@sentinel/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IdentityBridgeEnv } from '../src/identity-bridge.env';

/**
 * Drift test of the Helm chart (k8s/sentinel) against IdentityBridgeEnv: the chart's identity-bridge Deployment sets
 * every variable the config class requires, and its values (with stand-ins for what the
 * operator's Secret provides) pass the validation the service runs at boot. The chart is rendered
 * by tools/helm-render/chart-env.js, run as a process: an app does not import tool code.
 */
interface ChartEnvironment {
  names: string[];
  environment: Record<string, string>;
}

describe('Helm chart env of identity-bridge against IdentityBridgeEnv', () => {
  let chart: ChartEnvironment;

  beforeAll(() => {
    const script = resolve(__dirname, '../../../tools/helm-render/chart-env.js');
    chart = JSON.parse(execFileSync(process.execPath, [script, 'identity-bridge'], { encoding: 'utf8', timeout: 10 * 60_000 })) as ChartEnvironment;
  }, 10 * 60_000);

  it('sets every variable IdentityBridgeEnv requires', () => {
    const required = validateSync(plainToInstance(IdentityBridgeEnv, {}, { exposeDefaultValues: true })).map((error) => error.property);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !chart.names.includes(name))).toEqual([]);
  });

  it("passes IdentityBridgeEnv's validation, as the service does at boot", () => {
    expect(() => loadConfig(IdentityBridgeEnv, chart.environment)).not.toThrow();
  });
});
