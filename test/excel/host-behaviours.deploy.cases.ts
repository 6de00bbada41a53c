/**
 * Blocked storage, old hosts and pages opened outside Office, and the production manifest. A case module (no .test suffix): test/excel/host-behaviours.test.ts imports it;
 * alone: npx jest --testMatch '**\/host-behaviours.deploy.cases.ts'
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseJs } from 'acorn';
import { JSDOM } from 'jsdom';
import { officeHostFromGlobals, OfficeGateway } from '../../src/excel/office-gateway';
import type { StorageLike } from '../../src/excel/settings-stores';
import { browserLocalStorage, LocalStorageSettingsStore, SESSION_ONLY_NOTICE } from '../../src/excel/settings-stores';
import { MapSettingsStore } from '../../src/excel/settings-stores';
import { hideNeedsExcel, HOST_PROBLEM_TEXT, hostProblem, markPaneStarted, showNeedsExcel, showStartFailure } from '../../src/taskpane/host-gate';
import { SettingsModel } from '../../src/taskpane/settings/settings-model';

// CommonJS build helpers (used by webpack.config.js), typed here by what the tests call.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const productionManifestModule = require('../../scripts/production-manifest') as {
  AddinBaseUrlError: new (message: string) => Error;
  parseAddinBaseUrl: (raw: string) => string;
  productionManifest: (devXml: string, base: string) => string;
  readDevManifest: () => string;
  ProductionManifestPlugin: new (base: string) => { apply(compiler: unknown): void };
};
const { AddinBaseUrlError, parseAddinBaseUrl, productionManifest, readDevManifest, ProductionManifestPlugin } = productionManifestModule;

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

function securityError(): Error {
  const error = new Error('The operation is insecure.');
  error.name = 'SecurityError';
  return error;
}

/** A Storage over a Map, which can be told to start throwing like a blocked or full browser store. */
class ScriptedStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failing: 'no' | 'everything' | 'writes' = 'no';
  getItem(key: string): string | null {
    if (this.failing === 'everything') throw securityError();
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failing !== 'no') throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    if (this.failing !== 'no') throw securityError();
    this.items.delete(key);
  }
}

const USER_ID = '70-B3-D5-1F-30-00-A0-08';

// ---- 6. Blocked storage -----------------------------------------------------------------------

describe('storage that is blocked or fails', () => {
  const globals = globalThis as Record<string, unknown>;
  let restore: Array<() => void> = [];
  afterEach(() => {
    for (const undo of restore.reverse()) undo();
    restore = [];
  });

  /** Installs a global the way a browser has it, undone after the test. */
  function defineGlobal(name: string, descriptor: PropertyDescriptor): void {
    const previous = Object.getOwnPropertyDescriptor(globalThis, name);
    Object.defineProperty(globalThis, name, { configurable: true, ...descriptor });
    restore.push(() => (previous ? Object.defineProperty(globalThis, name, previous) : delete globals[name]));
  }

  function officeGlobals(partitionKey: string | undefined): void {
    const settings = new Map<string, unknown>();
    defineGlobal('Office', {
      value: {
        context: {
          platform: 'OfficeOnline',
          partitionKey,
          requirements: { isSetSupported: () => true },
          document: {
            settings: {
              get: (k: string) => settings.get(k) ?? null,
              set: (k: string, v: unknown) => settings.set(k, v),
              remove: (k: string) => settings.delete(k),
              saveAsync: (cb?: (r: { status: string }) => void) => cb?.({ status: 'succeeded' }),
            },
          },
        },
      },
    });
  }

  it('the Office entry builds its gateway when merely reading localStorage throws SecurityError, and settings say they last only while the pane is open', async () => {
    officeGlobals('pk-1');
    defineGlobal('localStorage', {
      get: () => {
        throw securityError();
      },
    });
    expect(() => globals.localStorage).toThrow('insecure'); // the browser behaviour being survived

    const gateway = new OfficeGateway(officeHostFromGlobals());
    const settings = new SettingsModel(gateway);
    expect(settings.getState().storageNotice).toBe(SESSION_ONLY_NOTICE);
    expect(SESSION_ONLY_NOTICE).toContain('last only while the pane is open');

    expect(await settings.setUserId(USER_ID)).toEqual({ ok: true });
    expect(settings.getState().userId).toBe('70-B3-D5-1F-30-00-A0-08');
    expect(settings.engineOptions('2026-01-05').userId).toBe('70-B3-D5-1F-30-00-A0-08');
  });

  it('keys user settings with Office.context.partitionKey, so another add-in on the same origin neither sees nor overwrites them', async () => {
    const storage = new ScriptedStorage();
    officeGlobals('partition-A/');
    defineGlobal('localStorage', { value: storage });
    const ours = new SettingsModel(new OfficeGateway(officeHostFromGlobals()));
    await ours.setUserId(USER_ID);
    expect([...storage.items.keys()]).toEqual(['partition-A/mam-prep:mamPrep.userId']);
    expect(ours.getState().storageNotice).toBeNull();

    const other = new LocalStorageSettingsStore(storage, { partitionKey: 'partition-B/' });
    expect(other.get('mamPrep.userId')).toBeUndefined();
  });

  it('without a partition key the keys are the ones earlier versions wrote, so saved settings survive the upgrade', () => {
    const storage = new ScriptedStorage();
    storage.items.set('mam-prep:mamPrep.userId', '70-B3-D5-1F-30-00-A0-08');
    const settings = new SettingsModel({ documentSettings: new MapSettingsStore(), userSettings: new LocalStorageSettingsStore(storage) });
    expect(settings.getState().userId).toBe('70-B3-D5-1F-30-00-A0-08');
  });

  it('storage that starts failing mid-session loses nothing already shown or saved, and the notice appears', async () => {
    const storage = new ScriptedStorage();
    storage.items.set('mam-prep:mamPrep.userId', '70-B3-D5-1F-30-00-A0-08');
    const settings = new SettingsModel({ documentSettings: new MapSettingsStore(), userSettings: new LocalStorageSettingsStore(storage) });
    expect(settings.getState().storageNotice).toBeNull();

    storage.failing = 'writes'; // e.g. QuotaExceededError
    await settings.setHighlights(false);
    expect(settings.getState()).toMatchObject({ highlights: false, userId: '70-B3-D5-1F-30-00-A0-08', storageNotice: SESSION_ONLY_NOTICE });

    storage.failing = 'everything';
    await settings.setExemptGroupIds('EA'); // document-scoped: unaffected
    expect(settings.getState()).toMatchObject({ highlights: false, userId: '70-B3-D5-1F-30-00-A0-08', exemptGroupIds: ['EA'] });
  });

  it('a Storage object whose every call throws is found out before the first read', () => {
    const storage = new ScriptedStorage();
    storage.failing = 'everything';
    expect(new LocalStorageSettingsStore(storage).notice).toBe(SESSION_ONLY_NOTICE);
    expect(
      browserLocalStorage(() => {
        throw securityError();
      }),
    ).toBeUndefined();
  });

  it('no module outside settings-stores.ts touches localStorage or sessionStorage (every access goes through the guard)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|tsx|js)$/.test(entry.name) && /\b(localStorage|sessionStorage)\b/.test(fs.readFileSync(file, 'utf8')))
          offenders.push(path.relative(ROOT, file));
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(offenders.sort()).toEqual(['src/excel/office-gateway.ts', 'src/excel/settings-stores.ts']);
    // The gateway only names the interface field and calls the guard.
    const gatewayLines = read('src/excel/office-gateway.ts')
      .split('\n')
      .filter((l) => /\blocalStorage\b/.test(l));
    for (const line of gatewayLines) expect(line).toMatch(/readonly localStorage\?:|localStorage: browserLocalStorage\(\)|host\.localStorage/);
  });
});

// ---- 10. Old hosts and outside Office ---------------------------------------------------------

describe('old hosts and pages opened outside Office', () => {
  const fallbackSource = read('src/taskpane/needs-excel.js');
  const template = read('src/taskpane/taskpane.html');
  /** The template as HtmlWebpackPlugin renders it (its two parameters), scripts not loaded. */
  const page = (): JSDOM =>
    new JSDOM(template.replace('<%= csp %>', "default-src 'self'").replace('<%= officeScript %>', 'office.js'), { runScripts: 'outside-only' });
  const tick = (dom: JSDOM): Promise<void> => new Promise((resolve) => dom.window.setTimeout(resolve, 1));
  const visible = (dom: JSDOM, id: string): boolean => {
    const el = dom.window.document.getElementById(id);
    return el !== null && !el.hidden && el.style.display !== 'none';
  };

  it('the fallback script is strict ES5 (acorn, ecmaVersion 5), and that check rejects ES2015+ syntax', () => {
    const es5 = (code: string): void => void parseJs(code, { ecmaVersion: 5, sourceType: 'script' });
    expect(() => es5(fallbackSource)).not.toThrow();
    for (const modern of ['var f = () => 1;', 'let a = 1;', 'const a = 1;', 'var s = `x`;', 'class A {}', 'var o = { a };', 'function f(a = 1) {}']) {
      expect(() => es5(modern)).toThrow();
    }
  });

  it('taskpane.html holds the message as static markup: Excel versions, ExcelApi 1.9, what to do; loaded by a classic script of our own (the CSP allows no inline script)', () => {
    const dom = page();
    const doc = dom.window.document;
    const box = doc.getElementById('needs-excel')!;
    expect(box.hidden).toBe(true);
    const text = box.textContent.replace(/\s+/g, ' ');
    for (const needed of [
      'Excel for Microsoft 365',
      'Excel 2021',
      'Excel on the web',
      'ExcelApi 1.9',
      'Office 2016 and Office 2019',
      'What to do',
      'Home > Check MAM file',
    ]) {
      expect(text).toContain(needed);
    }
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts.filter((s) => !s.src).map((s) => s.textContent)).toEqual([]);
    const fallback = scripts.find((s) => s.getAttribute('src') === 'needs-excel.js')!;
    expect(fallback.defer || fallback.async || fallback.type !== '').toBe(false);
    expect(doc.querySelector('a[href="help.html"]')).not.toBeNull();
  });

  it('when the bundle never starts (IE11/EdgeHTML web view), the ES5 script shows the message once the page has loaded; Loading goes', async () => {
    const dom = page();
    (dom.window as unknown as { Office: object }).Office = { onReady: () => new Promise(() => undefined) }; // an old host: office.js loads
    dom.window.eval(fallbackSource);
    expect(visible(dom, 'needs-excel')).toBe(false);
    dom.window.dispatchEvent(new dom.window.Event('load'));
    await tick(dom);
    expect(visible(dom, 'needs-excel')).toBe(true);
    expect(dom.window.document.getElementById('needs-excel-reason')!.textContent).toMatch(/too old to run MAM Prep/);
    expect(dom.window.document.getElementById('loading')!.hidden).toBe(true);
  });

  it('without office.js the ES5 script says so at once, without waiting for the page to load or the bundle', () => {
    const dom = page();
    dom.window.eval(fallbackSource);
    expect(visible(dom, 'needs-excel')).toBe(true);
    expect(dom.window.document.getElementById('needs-excel-reason')!.textContent).toBe(HOST_PROBLEM_TEXT['no-office-script']);
  });

  it('when office.js reports no Office host, the ES5 script says the page was opened outside Excel', async () => {
    const dom = page();
    (dom.window as unknown as { Office: object }).Office = {
      onReady: (cb: (info: { host: null }) => void) => dom.window.setTimeout(() => cb({ host: null }), 0),
    };
    dom.window.eval(fallbackSource);
    await tick(dom);
    expect(visible(dom, 'needs-excel')).toBe(true);
    expect(dom.window.document.getElementById('needs-excel-reason')!.textContent).toBe(HOST_PROBLEM_TEXT['outside-office']);
  });

  it('when the bundle has started inside Excel, the ES5 script stays quiet, and a message it showed early stays until the pane starts', async () => {
    const inExcel = { onReady: (cb: (info: { host: string }) => void) => cb({ host: 'Excel' }) };
    const quiet = page();
    (quiet.window as unknown as { Office: object }).Office = inExcel;
    markPaneStarted(quiet.window.document);
    quiet.window.eval(fallbackSource);
    quiet.window.dispatchEvent(new quiet.window.Event('load'));
    await tick(quiet);
    expect(visible(quiet, 'needs-excel')).toBe(false);

    const late = page();
    (late.window as unknown as { Office: object }).Office = inExcel;
    late.window.eval(fallbackSource);
    late.window.dispatchEvent(new late.window.Event('load'));
    await tick(late);
    expect(visible(late, 'needs-excel')).toBe(true);
    markPaneStarted(late.window.document); // a slow bundle that arrives after all: the message stays until it knows better
    expect(visible(late, 'needs-excel')).toBe(true);
    hideNeedsExcel(late.window.document); // Office.onReady said Excel with ExcelApi 1.9: the pane starts
    expect(visible(late, 'needs-excel')).toBe(false);
    expect(late.window.document.getElementById('loading')!.hidden).toBe(false);
  });

  it('the bundle names the problem: no office.js, outside Office, another Office app, Excel below ExcelApi 1.9', () => {
    const asked: string[] = [];
    const supports = (ok: boolean) => (version: string) => (asked.push(version), ok);
    expect(hostProblem({ officeScriptLoaded: false })).toBe('no-office-script');
    expect(hostProblem({ officeScriptLoaded: true, host: null })).toBe('outside-office');
    expect(hostProblem({ officeScriptLoaded: true, host: 'Word', supportsExcelApi: supports(true) })).toBe('not-excel');
    expect(hostProblem({ officeScriptLoaded: true, host: 'Excel', supportsExcelApi: supports(false) })).toBe('excel-too-old');
    expect(hostProblem({ officeScriptLoaded: true, host: 'Excel', supportsExcelApi: supports(true) })).toBeNull();
    expect(asked).toEqual(['1.9', '1.9']);

    const dom = page();
    showNeedsExcel(dom.window.document, 'outside-office');
    expect(visible(dom, 'needs-excel')).toBe(true);
    expect(dom.window.document.getElementById('needs-excel-reason')!.textContent).toBe(
      'This page was opened outside Excel. MAM Prep is an Excel add-in and only works in Excel\u2019s task pane.',
    );
    expect(dom.window.document.getElementById('loading')!.hidden).toBe(true);
  });

  it('a pane that fails to start inside Excel replaces "Loading" with what happened, never a stack trace', () => {
    const dom = page();
    const error = new Error('Excel.run is not a function\n    at startPane (taskpane.js:1:1)');
    showStartFailure(dom.window.document, error);
    const root = dom.window.document.getElementById('root')!;
    expect(root.textContent).toBe(
      'MAM Prep could not start (Excel.run is not a function). Nothing in the workbook was changed. Close the pane and open it again; if this keeps happening, see the help page.',
    );
    expect(root.querySelector('[role="alert"]')).not.toBeNull();
  });

  it('the manifest admits only Excel workbooks with ExcelApi 1.9, and the README states the supported hosts and the floor', () => {
    const manifest = read('manifest.xml');
    expect(manifest).toMatch(/<Hosts>\s*<Host Name="Workbook" \/>\s*<\/Hosts>/);
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.9" \/>/);
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Supported hosts'));
    expect(section.length).toBeGreaterThan(0);
    for (const needed of ['ExcelApi 1.9', 'Excel on the web', 'Office 2016', 'Office 2019']) expect(section).toContain(needed);
  });
});

// ---- 11. A manifest for production ------------------------------------------------------------

describe('the production manifest', () => {
  const BASE = 'https://addin.example.org/mam-prep';
  const dev = readDevManifest();
  const NAMESPACES = /^http:\/\/(schemas\.microsoft\.com|www\.w3\.org)\//;
  /** Every URL in the manifest except XML namespace names (which are identifiers, not addresses). */
  const urlsIn = (xml: string): string[] => (xml.match(/https?:\/\/[^"<\s]+/g) ?? []).filter((u) => !NAMESPACES.test(u));
  const valueOf = (xml: string, element: string): string | undefined => new RegExp(`<${element} DefaultValue="([^"]+)"`).exec(xml)?.[1];

  it('moves every URL under ADDIN_BASE_URL: icons, SourceLocation, SupportUrl at the help page; no localhost anywhere', () => {
    const xml = productionManifest(dev, BASE);
    expect(xml).not.toMatch(/localhost/i);
    const urls = urlsIn(xml);
    expect(urls.length).toBeGreaterThanOrEqual(9);
    for (const url of urls) expect(url.startsWith(`${BASE}/`)).toBe(true);
    expect(valueOf(xml, 'SourceLocation')).toBe(`${BASE}/taskpane.html`);
    expect(valueOf(xml, 'SupportUrl')).toBe(`${BASE}/help.html`);
    expect(valueOf(xml, 'IconUrl')).toBe(`${BASE}/assets/icon-32.png`);
    expect(xml).toContain(`<bt:Url id="Help.Url" DefaultValue="${BASE}/help.html" />`);
    expect(xml).toMatch(/<LearnMoreUrl resid="Help.Url" \/>/);
    expect(xml).not.toContain('<AppDomain>');
  });

  it('every URL it names is a file the build publishes (the pane, the help page, the icons)', () => {
    const published: Record<string, string> = { 'taskpane.html': 'src/taskpane/taskpane.html', 'help.html': 'src/help/help.html' };
    for (const url of new Set(urlsIn(productionManifest(dev, BASE)))) {
      const file = url.slice(BASE.length + 1);
      const source = published[file] ?? (file.startsWith('assets/') ? file : undefined);
      expect(source && fs.existsSync(path.join(ROOT, source)) ? file : `missing: ${file}`).toBe(file);
    }
  });

  it('the development manifest stays on https://localhost:3000, with the help page as SupportUrl', () => {
    const urls = urlsIn(dev);
    expect(urls.length).toBeGreaterThanOrEqual(9);
    for (const url of urls) expect(url.startsWith('https://localhost:3000')).toBe(true);
    expect(valueOf(dev, 'SupportUrl')).toBe('https://localhost:3000/help.html');
  });

  it('accepts a base with a trailing slash, and refuses one that is not https or carries a query, with a clear message', () => {
    expect(parseAddinBaseUrl('https://addin.example.org/mam-prep/')).toBe(BASE);
    expect(() => parseAddinBaseUrl('http://addin.example.org/mam-prep')).toThrow(AddinBaseUrlError);
    expect(() => parseAddinBaseUrl('http://addin.example.org/mam-prep')).toThrow(
      'ADDIN_BASE_URL must be an https:// address (Office loads add-ins only over https); got "http://addin.example.org/mam-prep".',
    );
    expect(() => parseAddinBaseUrl('addin.example.org')).toThrow(/is not a URL/);
    expect(() => parseAddinBaseUrl('https://addin.example.org/x?v=1')).toThrow(/without user name, password, query or #fragment/);
  });

  it('the build refuses a non-https ADDIN_BASE_URL before compiling: one line, exit 2', () => {
    const run = spawnSync(process.execPath, ['-e', "require('./webpack.config.js')({}, { mode: 'production' })"], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_BASE_URL: 'http://addin.example.org/mam-prep' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      '[mam-prep] ADDIN_BASE_URL must be an https:// address (Office loads add-ins only over https); got "http://addin.example.org/mam-prep".',
    );
  });

  it('the webpack plugin writes manifest.xml into the output folder', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const webpack = require('webpack') as (
      config: object,
      callback: (error: Error | null, stats?: { hasErrors(): boolean; toString(): string }) => void,
    ) => void;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-prep-manifest-'));
    const entry = path.join(out, 'entry.js');
    fs.writeFileSync(entry, 'export const x = 1;\n');
    try {
      await new Promise<void>((resolve, reject) =>
        webpack({ mode: 'none', entry, output: { path: path.join(out, 'web') }, plugins: [new ProductionManifestPlugin(BASE)] }, (error, stats) =>
          error ? reject(error) : stats?.hasErrors() ? reject(new Error(stats.toString())) : resolve(),
        ),
      );
      const written = fs.readFileSync(path.join(out, 'web', 'manifest.xml'), 'utf8');
      expect(written).toBe(productionManifest(dev, BASE));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  const xsdDir = [process.env.MANIFEST_XSD_DIR, path.resolve(ROOT, '..', 'shared', 'manifest-xsd')].find(
    (d) => d && fs.existsSync(path.join(d, 'OfficeAppManifestV1_1.xsd')),
  );
  const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
  const validate = hasXmllint && xsdDir !== undefined;
  // CI installs xmllint and has the schemas, so there the check always runs; elsewhere it says why it was skipped.
  (validate || process.env.CI === 'true' ? it : it.skip)(
    'the production manifest is valid against OfficeAppManifestV1_1.xsd (xmllint; needs MANIFEST_XSD_DIR where ../shared is absent)',
    () => {
      expect({ hasXmllint, xsdDir: xsdDir !== undefined }).toEqual({ hasXmllint: true, xsdDir: true });
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mam-prep-xsd-')), 'manifest.xml');
      fs.writeFileSync(file, productionManifest(dev, BASE));
      try {
        execFileSync('xmllint', ['--noout', '--schema', path.join(xsdDir!, 'OfficeAppManifestV1_1.xsd'), file], { stdio: 'pipe' });
      } finally {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
    },
  );
});
