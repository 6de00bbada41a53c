#!/usr/bin/env node
/**
 * `npm start`. With Excel around (Windows or macOS, office-addin-debugging installed) it sideloads
 * manifest.xml into Excel over the https dev server. Anywhere else (Linux, CI, no Office tooling)
 * it serves the browser demo on http://127.0.0.1 and prints the URL.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { serveDemo } = require('./demo');
const { officeDebuggingCli } = require('./office-debugging-cli');

/** office-addin-debugging sideloads into Excel desktop, which runs on Windows and macOS only. */
function sideloadCli() {
  if (process.platform !== 'win32' && process.platform !== 'darwin') return null;
  return officeDebuggingCli();
}

function sideload(cli) {
  console.log('[mam-prep] Sideloading manifest.xml into Excel (office-addin-debugging start). The dev server builds the pane');
  console.log("[mam-prep] first (about a minute; its progress shows in the dev server's own window on Windows), then Excel opens.");
  const child = spawn(process.execPath, [cli, 'start', 'manifest.xml', '--dev-server', 'npm run start:web -- --progress'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const cli = sideloadCli();
if (cli && process.env.MAM_PREP_DEMO !== '1') {
  sideload(cli);
} else {
  serveDemo().catch((error) => {
    console.error(`mam-prep start: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exit(1);
  });
}
