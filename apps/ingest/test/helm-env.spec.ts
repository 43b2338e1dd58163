import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '@sentinel/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IngestEnv } from '../src/ingest.env';

/**
 * Drift test of the Helm chart (k8s/sentinel) against IngestEnv: the chart's ingest Deployment sets
 * every variable the config class requires, and its values (with stand-ins for what the
 * operator's Secret provides) pass the validation the service runs at boot. The chart is rendered
 * by tools/helm-render/chart-env.js, run as a process: an app does not import tool code.
 */
interface ChartEnvironment {
  names: string[];
  environment: Record<string, string>;
}

describe('Helm chart env of ingest against IngestEnv', () => {
  let chart: ChartEnvironment;

  beforeAll(() => {
    const script = resolve(__dirname, '../../../tools/helm-render/chart-env.js');
    chart = JSON.parse(execFileSync(process.execPath, [script, 'ingest'], { encoding: 'utf8', timeout: 10 * 60_000 })) as ChartEnvironment;
  }, 10 * 60_000);

  it('sets every variable IngestEnv requires', () => {
    const required = validateSync(plainToInstance(IngestEnv, {}, { exposeDefaultValues: true })).map((error) => error.property);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !chart.names.includes(name))).toEqual([]);
  });

  it("passes IngestEnv's validation, as the service does at boot", () => {
    expect(() => loadConfig(IngestEnv, chart.environment)).not.toThrow();
  });
});
