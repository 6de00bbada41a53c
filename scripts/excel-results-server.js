/**
 * The results server of `npm run test:excel`, speaking the protocol of office-addin-test-server (the
 * Office convention) without its Express stack, and on loopback only: the test pane inside Excel calls
 * GET /ping, then POST /results?data=<JSON>. https with the Office dev certificates in real use (the pane
 * is an https page); plain http when given no TLS options (tests).
 */
const http = require('node:http');
const https = require('node:https');
const { URL } = require('node:url');

const DEFAULT_PORT = 4201;
/** Only the test pane's origin may post (the dev server that serves it). */
const PANE_ORIGIN = 'https://localhost:3000';

function platformName() {
  return process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : process.platform;
}

/**
 * Starts the server on 127.0.0.1 (and ::1 where the system has it, since "localhost" may resolve to
 * either). Resolves with { port, results, close }: `results` settles with the first posted JSON.
 */
async function startResultsServer({ port = DEFAULT_PORT, tls = null, origin = PANE_ORIGIN } = {}) {
  let deliver;
  const results = new Promise((resolve) => {
    deliver = resolve;
  });
  const handler = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'Access-Control-Allow-Origin': origin, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...headers, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type' }).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/ping') {
      res.writeHead(200, headers).end(platformName());
      return;
    }
    if (req.method === 'POST' && url.pathname === '/results') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => {
        body += chunk;
        if (body.length > 1_000_000) req.destroy();
      });
      req.on('end', () => {
        try {
          deliver(JSON.parse(url.searchParams.get('data') ?? body));
          res.writeHead(200, headers).end('200');
        } catch {
          res.writeHead(400, headers).end('results must be JSON');
        }
      });
      return;
    }
    res.writeHead(404, headers).end('not found');
  };

  const servers = [];
  const listen = (host, wanted) =>
    new Promise((resolve, reject) => {
      const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
      server.once('error', reject);
      server.listen(wanted, host, () => {
        servers.push(server);
        resolve(server.address().port);
      });
    });
  const bound = await listen('127.0.0.1', port);
  await listen('::1', bound).catch(() => undefined); // no IPv6 loopback: 127.0.0.1 alone is enough
  const close = () => Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
  return { port: bound, results, close };
}

module.exports = { DEFAULT_PORT, PANE_ORIGIN, startResultsServer };
