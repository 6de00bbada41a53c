/** Regenerates the README's rule catalogue from the rules' metadata (`npm run docs`). */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../src/rules';
import { replaceCatalogue } from '../src/rules/catalogue-markdown';

const path = join(__dirname, '..', 'README.md');
const before = readFileSync(path, 'utf8');
const after = replaceCatalogue(before, RULES);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README rule catalogue is up to date' : 'README rule catalogue regenerated');
