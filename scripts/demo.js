#!/usr/bin/env node
/**
 * `npm run demo`: the browser demo on http://127.0.0.1:3000 (or a free port), built first when
 * dist/web is missing or stale. PORT=<n> picks another port. Ctrl+C stops it.
 */
const { ensureWebBuild, OUTPUT } = require('./build-web');
const { serveStatic } = require('./serve-static');

async function serveDemo() {
  await ensureWebBuild();
  const port = process.env.PORT ? Number(process.env.PORT) : 3000;
  const { server, url } = await serveStatic({ root: OUTPUT, port });
  console.log(`MAM Prep demo: ${url}`);
  console.log('Everything runs in the page (no Office, no network). Press Ctrl+C to stop.');
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}

if (require.main === module) {
  serveDemo().catch((error) => {
    console.error(`mam-prep demo: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exit(1);
  });
}

module.exports = { serveDemo };
