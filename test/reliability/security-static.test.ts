import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CaseCounter } from '../support/reliability-counts';

/**
 * What can be checked without running anything: the pane's Content-Security-Policy, no dynamic code, the manifest's
 * permission, exact dependency pins with a lock file and a single React.
 */
const counter = new CaseCounter('security-static');
afterAll(() => counter.report());

const ROOT = path.resolve(__dirname, '../..');
const OFFICE_ORIGIN = 'https://appsforoffice.microsoft.com';

type Csp = Map<string, string[]>;

function parseCsp(policy: string): Csp {
  const csp: Csp = new Map();
  for (const directive of policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)) {
    const [name, ...sources] = directive.split(/\s+/);
    expect(csp.has(name!)).toBe(false);
    csp.set(name!, sources);
  }
  return csp;
}

function cspFromHtml(html: string): string {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
  expect(metas).toHaveLength(1);
  return metas[0]![1]!
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** What the pane's policy must say, in any build mode. */
function expectPanePolicy(csp: Csp, development: boolean): void {
  expect(new Set(csp.get('script-src'))).toEqual(new Set(["'self'", OFFICE_ORIGIN]));
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  for (const [name, sources] of csp) {
    expect({
      name,
      sources: sources.filter(
        (s) => /unsafe-eval|wasm-unsafe-eval|unsafe-hashes|^\*$|^https?:$|^data:$/.test(s) && !(s === 'data:' && (name === 'img-src' || name === 'font-src')),
      ),
    }).toEqual({ name, sources: [] });
  }
  // Nothing leaves the pane but requests to its own origin and Office's (plus the dev server's socket in development).
  const connect = (csp.get('connect-src') ?? []).filter((s) => !(development && /^wss?:\/\/localhost:\d+$/.test(s)));
  expect(new Set(connect)).toEqual(new Set(["'self'", OFFICE_ORIGIN]));
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return filesUnder(p, ext);
    return ext.test(name) ? [p] : [];
  });
}

interface HtmlPluginLike {
  readonly userOptions: { filename?: string; templateParameters?: { csp?: string; officeScript?: string } };
}

async function paneHtmlOptions(mode: 'production' | 'development'): Promise<{ csp: string; officeScript: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<{ plugins: HtmlPluginLike[]; devtool: unknown }>;
  const config = await makeConfig({}, { mode });
  expect(String(config.devtool)).not.toMatch(/eval/);
  const pane = config.plugins.find((p) => p.userOptions?.filename === 'taskpane.html');
  const params = pane?.userOptions.templateParameters;
  return { csp: params?.csp ?? '', officeScript: params?.officeScript ?? '' };
}

describe('task pane Content-Security-Policy', () => {
  it.each(['production', 'development'] as const)('allows scripts only from its own origin and Office (%s build)', async (mode) => {
    const { csp, officeScript } = await paneHtmlOptions(mode);
    expectPanePolicy(parseCsp(csp), mode === 'development');
    expect(officeScript.startsWith(`${OFFICE_ORIGIN}/`)).toBe(true);
    counter.add('security-csp-policies');
  });

  it('the page template puts that policy in a meta tag and loads only office.js and the ES5 fallback (our own file), with no inline script', () => {
    const html = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="<%= csp %>" \/>/);
    const filled = html.replace(/<%= (\w+) %>/g, '$1');
    const scripts = [...filled.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.map((s) => [s[1]!.trim(), s[2]!.trim()])).toEqual([
      ['src="officeScript"', ''],
      ['src="needs-excel.js"', ''],
    ]);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    counter.add('security-csp-policies');
  });

  it('the built page, when there is one, carries the same policy and only its own bundle besides office.js', () => {
    const built = path.join(ROOT, 'dist/web/taskpane.html');
    if (!existsSync(built)) return;
    const html = readFileSync(built, 'utf8');
    expectPanePolicy(parseCsp(cspFromHtml(html)), /ws:\/\/localhost/.test(html));
    const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>\s*<\/script>/gi)].map((m) => m[1]!);
    expect(sources.filter((s) => !(s.startsWith(`${OFFICE_ORIGIN}/`) || /^[\w.-]+\.js$/.test(s)))).toEqual([]);
    expect([...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>/gi)]).toEqual([]);
    counter.add('security-csp-policies');
  });
});

describe('no dynamic code', () => {
  const DYNAMIC_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|(?<![\w.])Function\s*\(\s*['"`]|\bset(?:Timeout|Interval)\s*\(\s*['"`]|\bimport\s*\(\s*[^'"`\s)]/;

  it('src/ has no eval, new Function, string timers or computed dynamic imports', () => {
    const files = filesUnder(path.join(ROOT, 'src'), /\.(ts|tsx|js)$/);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => DYNAMIC_CODE.test(readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
    counter.add('security-no-eval-files', files.length);
  });

  it('src/ calls no network API: nothing is sent anywhere', () => {
    const NETWORK =
      /\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|RTCPeerConnection|['"]node:(?:http|https|http2|net|dgram|tls)['"]|require\(\s*['"](?:http|https|net)['"]/;
    const files = filesUnder(path.join(ROOT, 'src'), /\.(ts|tsx|js)$/);
    expect(files.filter((f) => NETWORK.test(readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f))).toEqual([]);
    counter.add('security-no-network-files', files.length);
  });

  it('the built pane, when there is one, holds only zod\'s jitless-guarded `new Function("")` probe', () => {
    const dist = path.join(ROOT, 'dist/web');
    if (!existsSync(dist)) return;
    const bundles = filesUnder(dist, /\.js$/);
    for (const bundle of bundles) {
      const code = readFileSync(bundle, 'utf8');
      const uses = [...code.matchAll(/\beval\s*\(|\bnew\s+Function\s*\([^)]*\)/g)].map((m) => m[0]);
      expect({ bundle: path.basename(bundle), uses: uses.filter((u) => u !== 'new Function("")') }).toEqual({ bundle: path.basename(bundle), uses: [] });
    }
    // The probe only runs when zod is not jitless; the pane entry turns jitless on before anything else.
    const entry = readFileSync(path.join(ROOT, 'src/taskpane/index.tsx'), 'utf8');
    expect(entry.split('\n').find((l) => l.startsWith('import'))).toBe("import './csp-safe-zod';");
    expect(readFileSync(path.join(ROOT, 'src/taskpane/csp-safe-zod.ts'), 'utf8')).toMatch(/z\.config\(\{ jitless: true \}\)/);
    counter.add('security-bundles-scanned', bundles.length);
  });
});

describe('manifest and dependencies', () => {
  it('the manifest requests ReadWriteDocument and nothing more', () => {
    const xml = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect([...xml.matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g)].map((m) => m[1])).toEqual(['ReadWriteDocument']);
    // Every URL the add-in loads is https on the one origin it declares.
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => new URL(m[1]!).origin);
    const domains = [...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1]);
    expect(new Set(urls)).toEqual(new Set(domains));
    expect(domains.every((d) => d!.startsWith('https://'))).toBe(true);
    counter.add('security-manifest-checks');
  });

  it('every dependency is pinned to an exact version and package-lock.json records the same', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      lockfileVersion: number;
      packages: Record<string, { version?: string }>;
    };
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const declared = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((k) => Object.entries(pkg[k] ?? {}));
    expect(declared.length).toBeGreaterThan(10);
    expect(declared.filter(([, v]) => !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(v))).toEqual([]);
    expect(declared.filter(([name, v]) => lock.packages[`node_modules/${name}`]?.version !== v)).toEqual([]);
    counter.add('security-pinned-dependencies', declared.length);
  });

  it('there is one React and one React DOM, in the lock file and on disk', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const name of ['react', 'react-dom']) {
      const copies = Object.entries(lock.packages).filter(([k]) => k === `node_modules/${name}` || k.endsWith(`/node_modules/${name}`));
      expect(copies.map(([k, v]) => `${k}@${v.version}`)).toEqual([`node_modules/${name}@${lock.packages[`node_modules/${name}`]!.version}`]);
    }
    // The packages that render React resolve the same copy the pane does.
    const rootReact = require.resolve('react/package.json', { paths: [ROOT] });
    for (const user of ['react-dom', '@fluentui/react-components', '@testing-library/react']) {
      const from = path.dirname(require.resolve(`${user}/package.json`, { paths: [ROOT] }));
      expect({ user, react: require.resolve('react/package.json', { paths: [from] }) }).toEqual({ user, react: rootReact });
    }
    counter.add('security-single-react');
  });
});
