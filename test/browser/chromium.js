/**
 * Debian's Chromium as both browser runners launch it: headless, offline-quiet (no background
 * networking, updates or sync), so a test never reaches the network.
 */
const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

module.exports = { EXECUTABLE, CHROMIUM_ARGS };
