import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The test command runs jest once over every project (jest.config.js). `testTimeout` is a global
 * option there: jest-circus reads it from the root config only, so a value in jest.preset.js alone
 * left every hook of that run at jest's 5 s default, and a slow machine's broker cleanup failed CI.
 */
const ROOT = resolve(__dirname, '../../..');

interface ShownConfig {
  globalConfig: { testTimeout?: number };
  configs: Array<{ displayName?: { name: string } }>;
}

function showConfig(): ShownConfig {
  const shown = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--showConfig'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (shown.status !== 0) throw new Error(`jest --showConfig failed: ${shown.stderr}`);
  return JSON.parse(shown.stdout) as ShownConfig;
}

describe('jest settings of the run over every project', () => {
  it("resolves the preset's testTimeout as the run's global timeout", () => {
    const preset = require(resolve(ROOT, 'jest.preset.js')) as { testTimeout: number };
    const config = showConfig();
    expect(preset.testTimeout).toBeGreaterThan(5_000);
    expect(config.globalConfig.testTimeout).toBe(preset.testTimeout);
    expect(config.configs.map((project) => project.displayName?.name)).toContain('deploy-checks');
  });
});
