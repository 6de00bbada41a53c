// Jest reporter for the reliability suites' case counts. Test files record counts with CaseCounter
// (test/support/reliability-counts.ts), which only hands them over through a per-run folder; this
// reporter, running once in the main process, merges them after the run, prints
// `reliability: <category> <n> cases` lines and writes test-output/reliability-counts.txt.
'use strict';
const { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { CASE_COUNTS_ENV } = require('./case-count-channel');

const ROOT = path.resolve(__dirname, '../..');

class CaseCountReporter {
  constructor() {
    this.dir = path.join(ROOT, 'node_modules', '.cache', 'mam-prep-jest', `counts-${process.pid}`);
    // Set before Jest starts its workers, which inherit the environment.
    process.env[CASE_COUNTS_ENV] = this.dir;
  }

  onRunStart() {
    // Each run (several in watch mode) starts from an empty folder.
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  onRunComplete() {
    const totals = new Map();
    for (const part of readdirSync(this.dir).filter((f) => f.endsWith('.json'))) {
      const counts = JSON.parse(readFileSync(path.join(this.dir, part), 'utf8'));
      for (const [category, n] of Object.entries(counts)) totals.set(category, (totals.get(category) ?? 0) + n);
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (totals.size === 0) return;
    const lines = [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([category, n]) => `reliability: ${category} ${n} cases`);
    const outDir = path.join(ROOT, 'test-output');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'reliability-counts.txt'), `${lines.join('\n')}\n`);
    process.stderr.write(`\n${lines.join('\n')}\n`);
  }
}

module.exports = CaseCountReporter;
