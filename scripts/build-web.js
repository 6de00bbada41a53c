/**
 * Builds dist/web with webpack's Node API when it is missing or older than its sources, so `npm start`
 * and `npm run demo` work straight after `npm install`.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'dist', 'web');
const SOURCES = ['src', 'assets', 'webpack.config.js', 'package-lock.json', 'tsconfig.json'];

function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function webBuildIsCurrent() {
  const built = newestMtime(path.join(OUTPUT, 'demo.html'));
  if (built === 0 || newestMtime(path.join(OUTPUT, 'taskpane.html')) === 0) return false;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

async function buildWeb({ mode = 'production', log = console.log } = {}) {
  const webpack = require('webpack');
  const config = await require(path.join(ROOT, 'webpack.config.js'))({}, { mode });
  log(`[mam-prep] Building the web bundle (${mode}) into dist/web…`);
  await new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve();
    });
  });
}

async function ensureWebBuild(options = {}) {
  if (webBuildIsCurrent()) return false;
  await buildWeb(options);
  return true;
}

module.exports = { ensureWebBuild, webBuildIsCurrent, OUTPUT };
