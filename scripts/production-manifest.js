/**
 * The production manifest: manifest.xml (the development manifest, every URL on https://localhost:3000)
 * with every URL moved under ADDIN_BASE_URL. webpack.config.js writes it to dist/web/manifest.xml when
 * ADDIN_BASE_URL is set; test/excel/host-behaviours.deploy.cases.ts checks it.
 */
const fs = require('node:fs');
const path = require('node:path');
const { URL } = require('node:url');

const DEV_ORIGIN = 'https://localhost:3000';
const DEV_MANIFEST = path.resolve(__dirname, '..', 'manifest.xml');
const GENERATED_NOTE = '<!-- Production manifest written by `npm run build` from manifest.xml and ADDIN_BASE_URL: edit manifest.xml, not this copy. -->';

class AddinBaseUrlError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AddinBaseUrlError';
  }
}

/**
 * Checks ADDIN_BASE_URL and returns it without a trailing slash. Office loads add-ins only over https,
 * and the base is a folder: no query, fragment or credentials.
 */
function parseAddinBaseUrl(raw) {
  const given = String(raw ?? '').trim();
  let url;
  try {
    url = new URL(given);
  } catch {
    throw new AddinBaseUrlError(
      `ADDIN_BASE_URL "${given}" is not a URL. Give the https address the add-in is served from, e.g. https://addin.example.org/mam-prep`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new AddinBaseUrlError(`ADDIN_BASE_URL must be an https:// address (Office loads add-ins only over https); got "${given}".`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AddinBaseUrlError(`ADDIN_BASE_URL must be a plain folder address without user name, password, query or #fragment.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function escapeXmlAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Moves every development URL under `base` (from parseAddinBaseUrl). AppDomains are dropped: they list
 * extra origins the pane may navigate to, and the SourceLocation's own origin needs no entry.
 */
function productionManifest(devXml, base) {
  const checkedBase = parseAddinBaseUrl(base);
  const xml = devXml
    .replace(/\s*<AppDomains>[\s\S]*?<\/AppDomains>/, '')
    .replace(/^(<\?xml[^>]*\?>\s*)<!--[\s\S]*?-->/, `$1${GENERATED_NOTE}`)
    .split(DEV_ORIGIN)
    .join(escapeXmlAttribute(checkedBase));
  if (/localhost/i.test(xml))
    throw new Error('manifest.xml names localhost somewhere other than https://localhost:3000; update scripts/production-manifest.js.');
  return xml;
}

function readDevManifest() {
  return fs.readFileSync(DEV_MANIFEST, 'utf8');
}

/** Emits manifest.xml (the production manifest for `base`) into webpack's output folder. */
class ProductionManifestPlugin {
  constructor(base) {
    this.base = base;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('ProductionManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ProductionManifestPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset('manifest.xml', new sources.RawSource(productionManifest(readDevManifest(), this.base)));
      });
    });
  }
}

module.exports = { AddinBaseUrlError, DEV_ORIGIN, parseAddinBaseUrl, productionManifest, ProductionManifestPlugin, readDevManifest };
