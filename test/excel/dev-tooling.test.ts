import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The add-in's tooling works outside this workspace: schemas from MANIFEST_XSD_DIR, online validation offered, start shows progress. */

const ROOT = path.resolve(__dirname, '..', '..');
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('manifest tooling and the dev server', () => {
  it('manifest:check without the schemas says where it looked, how to get them, and offers the online check (exit 2)', () => {
    const run = spawnSync(process.execPath, ['scripts/manifest-check.js'], {
      cwd: ROOT,
      env: { ...process.env, MANIFEST_XSD_DIR: '/nonexistent/manifest-xsd' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('manifest:check: no OfficeAppManifestV1_1.xsd in /nonexistent/manifest-xsd.');
    expect(run.stderr).toContain('Set MANIFEST_XSD_DIR');
    expect(run.stderr).toContain('npx office-addin-manifest validate manifest.xml');
    expect(run.stdout).toBe('');
  });

  it('manifest:check reads MANIFEST_XSD_DIR and reports an invalid manifest with exit 1', () => {
    const xsdDir = [process.env.MANIFEST_XSD_DIR, path.resolve(ROOT, '..', 'shared', 'manifest-xsd')].find(
      (d) => d && fs.existsSync(path.join(d, 'OfficeAppManifestV1_1.xsd')),
    );
    const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
    if (!xsdDir || !hasXmllint) {
      // Without a validator the tool must say so rather than pass.
      const run = spawnSync(process.execPath, ['scripts/manifest-check.js'], {
        cwd: ROOT,
        env: { ...process.env, MANIFEST_XSD_DIR: xsdDir ?? '/nonexistent' },
        encoding: 'utf8',
      });
      expect(run.status).toBe(2);
      return;
    }
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mam-prep-bad-manifest-')), 'manifest.xml');
    fs.writeFileSync(
      bad,
      fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8').replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'),
    );
    try {
      const good = spawnSync(process.execPath, ['scripts/manifest-check.js', 'manifest.xml'], {
        cwd: ROOT,
        env: { ...process.env, MANIFEST_XSD_DIR: xsdDir },
        encoding: 'utf8',
      });
      expect(good.status).toBe(0);
      expect(good.stdout).toMatch(/^manifest:check: manifest\.xml is valid/);
      const run = spawnSync(process.execPath, ['scripts/manifest-check.js', bad], {
        cwd: ROOT,
        env: { ...process.env, MANIFEST_XSD_DIR: xsdDir },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('is not valid');
      expect(run.stderr).toContain('Permissions');
    } finally {
      fs.rmSync(path.dirname(bad), { recursive: true, force: true });
    }
  });

  it('npm run validate is the Office online check, and manifest:check the offline script', () => {
    expect(scripts.validate).toMatch(/^npx --yes office-addin-manifest@\d+\.\d+\.\d+ validate manifest\.xml$/);
    expect(scripts['manifest:check']).toBe('node scripts/manifest-check.js');
  });

  it('the dev server (npm start, npm run start:web) listens on localhost only', async () => {
    const previous = process.env.MAM_PREP_HTTP;
    process.env.MAM_PREP_HTTP = '1'; // no certificates needed to read the config
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = await (require('../../webpack.config.js') as (env: object, argv: object) => Promise<{ devServer?: { host?: string; port?: number } }>)(
        { WEBPACK_SERVE: true },
        { mode: 'development' },
      );
      expect(config.devServer).toMatchObject({ host: 'localhost', port: 3000 });
    } finally {
      warn.mockRestore();
      if (previous === undefined) delete process.env.MAM_PREP_HTTP;
      else process.env.MAM_PREP_HTTP = previous;
    }
  });
});
