/**
 * A small static file server (Node built-ins only) for the browser demo and the browser tests:
 * serves dist/web on 127.0.0.1, `/` goes to the demo page. Plain http, loopback only.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { URL } = require('node:url');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

function handler(root) {
  const base = path.resolve(root);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { Location: `/demo.html${url.search}` }).end();
      return;
    }
    let file;
    try {
      file = path.resolve(base, `.${decodeURIComponent(url.pathname)}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    // Never outside the served folder.
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Serves `root` on http://127.0.0.1:<port>. With `fallback`, a busy port is replaced by a free one
 * the system picks. Resolves with the server and the demo's URL.
 */
async function serveStatic({ root, port = 3000, fallback = true, host = '127.0.0.1' }) {
  const server = http.createServer(handler(root));
  let bound;
  try {
    bound = await listen(server, port, host);
  } catch (error) {
    if (!fallback || error.code !== 'EADDRINUSE') throw error;
    bound = await listen(server, 0, host);
  }
  return { server, port: bound, url: `http://${host}:${bound}/demo.html` };
}

module.exports = { serveStatic };
