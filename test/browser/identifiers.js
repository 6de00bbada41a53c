/**
 * Valid identifiers for rows the browser tests type and paste (the same algorithms as docs/rules.md, Identifiers;
 * written out here because the suite runs in plain Node against the built page).
 */
const MPAN_PRIMES = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];

function mpan(i, distributor = 14) {
  const body = `${distributor}${String(i).padStart(10, '0')}`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += Number(body[k]) * MPAN_PRIMES[k];
  return body + String((sum % 11) % 10);
}

/** The same MPAN core with its check digit one higher (mod 10): always wrong. */
function mpanWithWrongCheckDigit(i) {
  const valid = mpan(i);
  return valid.slice(0, 12) + String((Number(valid[12]) + 1) % 10);
}

function mprn(i) {
  const body = `8${String(i).padStart(7, '0')}`;
  let sum = 0;
  for (let k = 0; k < body.length; k++) sum += Number(body[k]) * (body.length - k);
  return body + String(sum % 11).padStart(2, '0');
}

function device(kind, i) {
  const h = i.toString(16).toUpperCase().padStart(6, '0');
  return `00-12-4B-01-${h.slice(0, 2)}-0${kind}-${h.slice(2, 4)}-${h.slice(4, 6)}`;
}

const USER_ID = '70-B3-D5-1F-30-00-A0-08';

/** A Monday at least eight weeks from now, as YYYY-MM-DD. */
function futureMonday(now = new Date()) {
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() + 56));
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

/** A valid Migration Authorisation row in template column order (A..M). */
function maRow(i) {
  return ['AB', mpan(i), mprn(i), device(1, i), device(2, i), device(3, i), device(4, i), '', USER_ID, USER_ID, '', `PASTE-${i}`, futureMonday()];
}

module.exports = { mpan, mpanWithWrongCheckDigit, mprn, device, maRow, futureMonday, USER_ID };
