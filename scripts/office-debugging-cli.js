// Where the optional office-addin-debugging package's command line is, or null when it is not installed
// (it is an optional dependency: it installs where Excel desktop runs and is skipped on Linux).
const path = require('node:path');

function officeDebuggingCli() {
  try {
    const pkgPath = require.resolve('office-addin-debugging/package.json');
    const pkg = require(pkgPath);
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['office-addin-debugging'];
    return bin ? path.join(path.dirname(pkgPath), bin) : null;
  } catch {
    return null;
  }
}

module.exports = { officeDebuggingCli };
