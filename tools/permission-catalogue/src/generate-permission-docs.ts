/**
 * Writes docs/permissions.md from the route decorators; with `--check`, exits 1 when the file is stale.
 *   npx nx run permission-catalogue:generate [-- --check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderPermissionCatalogue } from './permission-catalogue.renderer';
import { productionSourceFiles, scanRoutes } from './route-declaration.scanner';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');
export const CATALOGUE_FILE = resolve(WORKSPACE_ROOT, 'docs/permissions.md');

export function currentCatalogue(): string {
  return renderPermissionCatalogue(scanRoutes(WORKSPACE_ROOT, productionSourceFiles(WORKSPACE_ROOT)));
}

if (require.main === module) {
  const catalogue = currentCatalogue();
  if (process.argv.includes('--check')) {
    const stale = readFileSync(CATALOGUE_FILE, 'utf8') !== catalogue;
    process.stdout.write(stale ? 'docs/permissions.md is stale: run the generator\n' : 'docs/permissions.md is up to date\n');
    process.exit(stale ? 1 : 0);
  }
  writeFileSync(CATALOGUE_FILE, catalogue);
  process.stdout.write(`wrote ${CATALOGUE_FILE}\n`);
}
