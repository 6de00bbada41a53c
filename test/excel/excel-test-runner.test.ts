import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npm run test:excel`'s own parts that run anywhere: the results server, and the answer where there is no Excel. */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startResultsServer } = require('../../scripts/excel-results-server') as {
  startResultsServer: (options: {
    port?: number;
    tls?: object | null;
    origin?: string;
  }) => Promise<{ port: number; results: Promise<unknown>; close(): Promise<unknown> }>;
};

const ROOT = path.resolve(__dirname, '..', '..');

describe('the test:excel results server (office-addin-test-server protocol, loopback only)', () => {
  it('answers /ping, takes the results posted as ?data=<JSON> (as office-addin-test-helpers sends them), and refuses anything else', async () => {
    const server = await startResultsServer({ port: 0, tls: null });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const ping = await fetch(`${base}/ping`);
      expect(ping.status).toBe(200);
      expect(ping.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
      expect((await fetch(`${base}/results?data=not-json`, { method: 'POST' })).status).toBe(400);
      expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
      const payload = { host: 'PC', steps: [{ name: 'typed a wrong MPAN', passed: true }] };
      const posted = await fetch(`${base}/results?data=${encodeURIComponent(JSON.stringify(payload))}`, { method: 'POST' });
      expect(posted.status).toBe(200);
      await expect(server.results).resolves.toEqual(payload);
    } finally {
      await server.close();
    }
  });

  (process.platform === 'linux' ? it : it.skip)('on a machine without Excel (Linux, CI) test:excel says so and exits 0', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'test-excel.js')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^test:excel: Excel is not installed on this machine \(linux\)/);
    expect(run.stderr).toBe('');
  });
});
