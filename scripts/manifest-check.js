#!/usr/bin/env node
/**
 * `npm run manifest:check [-- file.xml …]`: validates manifest.xml (and dist/web/manifest.xml when a
 * production build wrote one) against the Office add-in manifest XSDs, offline, with xmllint. The
 * schemas come from MANIFEST_XSD_DIR (default ../shared/manifest-xsd); where they or xmllint are
 * missing it says how to get them, and points at the online check, `npm run validate`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const ENTRY_SCHEMA = 'OfficeAppManifestV1_1.xsd';
const ONLINE = "npm run validate (npx office-addin-manifest validate manifest.xml: sends the manifest to Microsoft's validation service)";

function schemaDir(env = process.env) {
  return path.resolve(ROOT, env.MANIFEST_XSD_DIR || path.join('..', 'shared', 'manifest-xsd'));
}

function manifestsToCheck(args) {
  if (args.length > 0) return args.map((a) => path.resolve(a));
  const files = [path.join(ROOT, 'manifest.xml')];
  const production = path.join(ROOT, 'dist', 'web', 'manifest.xml');
  if (fs.existsSync(production)) files.push(production);
  return files;
}

function main(args) {
  const dir = schemaDir();
  const schema = path.join(dir, ENTRY_SCHEMA);
  if (!fs.existsSync(schema)) {
    console.error(
      [
        `manifest:check: no ${ENTRY_SCHEMA} in ${dir}.`,
        'Set MANIFEST_XSD_DIR to a folder with the Office add-in manifest schemas (OfficeAppManifestV1_1.xsd and the',
        'files it imports: OfficeAppBasicTypesV1_0.xsd, TaskPaneAppVersionOverridesV1_0.xsd, …). Microsoft publishes them',
        'in the [MS-OWEMXML] specification (earlier copies: the office-js-docs-pr repository, docs/overview/schemas).',
        `Or validate online instead: ${ONLINE}.`,
      ].join('\n'),
    );
    return 2;
  }
  if (spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(
      `manifest:check: xmllint not found. Install it (Debian/Ubuntu: apt-get install libxml2-utils; macOS: brew install libxml2), or validate online: ${ONLINE}.`,
    );
    return 2;
  }
  let failed = 0;
  for (const file of manifestsToCheck(args)) {
    const run = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
    const label = path.relative(process.cwd(), file) || file;
    if (run.status === 0) console.log(`manifest:check: ${label} is valid (${path.relative(process.cwd(), schema)}).`);
    else {
      failed++;
      console.error(`manifest:check: ${label} is not valid:\n${(run.stderr || run.stdout).trim()}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

module.exports = { schemaDir };
