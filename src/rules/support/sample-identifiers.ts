import { mpanExpectedCheckDigit, mprnExpectedCheckValue } from '../../engine/identifiers';

/**
 * Valid identifiers for example rows (training sheet, demo samples): each index gives its own MPAN,
 * MPRN and device IDs, so example rows never collide into duplicate findings by accident.
 */

/** The submitting / notifying supplier's User ID; party octets 6–7 are `00-A0`. */
export const EXAMPLE_USER_ID = '70-B3-D5-1F-30-00-A0-08';
/** A second EUID of the same party (allowed by MAM 7.2.2, reported as information). */
export const EXAMPLE_SAME_PARTY_EUID = '70-B3-D5-1F-30-00-A0-01';
/** An EUID of another SEC party (octets 6–7 `00-B1`). */
export const EXAMPLE_OTHER_PARTY_EUID = '70-B3-D5-1F-30-00-B1-01';

/** A valid MPAN core for index `i` with a two-digit distributor id (13 by default). */
export function exampleMpan(i: number, distributor = 13): string {
  const body = `${String(distributor).padStart(2, '0')}${String(i).padStart(10, '0')}`;
  return body + String(mpanExpectedCheckDigit(body));
}

/** A valid 10-digit MPRN for index `i`. */
export function exampleMprn(i: number): string {
  const body = `7${String(i).padStart(7, '0')}`;
  return body + mprnExpectedCheckValue(body);
}

export type DeviceKind = 'esme' | 'gsme' | 'chf' | 'gpf' | 'ppmid';
const KIND_OCTET: Readonly<Record<DeviceKind, string>> = { esme: '01', gsme: '02', chf: '03', gpf: '04', ppmid: '05' };

/** A canonical device EUI-64, unique per (kind, index) for indexes below 16.7 million. */
export function exampleDeviceId(kind: DeviceKind, i: number): string {
  const h = i.toString(16).toUpperCase().padStart(6, '0');
  return `00-12-4B-00-${h.slice(0, 2)}-${KIND_OCTET[kind]}-${h.slice(2, 4)}-${h.slice(4, 6)}`;
}

/** The first Monday at least `weeksAhead` weeks after `todayIso` (YYYY-MM-DD), so date rules stay quiet. */
export function futureMonday(todayIso: string, weeksAhead = 8): string {
  const d = new Date(`${todayIso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeksAhead * 7);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() + (back === 0 ? 0 : 7 - back));
  return d.toISOString().slice(0, 10);
}

/** `days` after an ISO date. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
