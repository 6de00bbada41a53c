import { readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../src/rules';
import { replaceCatalogue } from '../../src/rules/catalogue-markdown';

describe('rule catalogue', () => {
  it('is sorted by id with unique ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('has the 35 rules of the catalogue, each documented', () => {
    expect(RULES).toHaveLength(35);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.why.length).toBeGreaterThan(10);
      expect(r.examples.valid.length).toBeGreaterThan(0);
      if (r.fixable) expect(r.fixDescription).toBeDefined();
    }
  });
  it('matches the README (run `npm run docs` when this fails)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(replaceCatalogue(readme, RULES)).toBe(readme);
  });
});
