import { readFileSync } from 'node:fs';
import { CATALOGUE_FILE, currentCatalogue } from '../src/generate-permission-docs';

describe('docs/permissions.md', () => {
  it('matches the route decorators (regenerate with `npx nx run permission-catalogue:generate`)', () => {
    expect(readFileSync(CATALOGUE_FILE, 'utf8')).toBe(currentCatalogue());
  });
});
