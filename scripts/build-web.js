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

/**
 * Coarse build progress, so `npm start` and `npm run demo` are not half a minute of silence: one line
 * rewritten in place on a terminal, a line per tenth elsewhere (CI logs).
 */
function progressReporter(webpack, log, stream = process.stderr) {
  let lastTenth = -1;
  return new webpack.ProgressPlugin((fraction, stage) => {
    const percent = Math.floor(fraction * 100);
    if (stream.isTTY) {
      stream.write(`\r[mam-prep] Building the web bundle: ${String(percent).padStart(3)}% ${stage}`.padEnd(72).slice(0, 72));
      if (fraction >= 1) stream.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      log(`[mam-prep] Building the web bundle: ${percent}% ${stage}`.trimEnd());
    }
  });
}

async function buildWeb({ mode = 'production', log = console.log, progress = true } = {}) {
  const webpack = require('webpack');
  const config = await require(path.join(ROOT, 'webpack.config.js'))({}, { mode });
  log(`[mam-prep] Building the web bundle (${mode}) into dist/web; this takes about a minute the first time…`);
  if (progress) config.plugins = [...(config.plugins ?? []), progressReporter(webpack, log)];
  const started = Date.now();
  await new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve();
    });
  });
  log(`[mam-prep] Built dist/web in ${Math.round((Date.now() - started) / 1000)} s.`);
}

async function ensureWebBuild(options = {}) {
  if (webBuildIsCurrent()) return false;
  await buildWeb(options);
  return true;
}

module.exports = { ensureWebBuild, webBuildIsCurrent, OUTPUT };
