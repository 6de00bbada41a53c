import { defineRule } from '../engine/rule';
import { headerOf } from '../engine/context';
import type { RowProbe, RowReport } from '../engine/rule';
import { stateAt } from './support/row-facts';
import { BOTH, electricityOnly, fixedField } from './support/training';

export const deviceWithoutMeterPoint = defineRule({
  id: 'device-without-meter-point',
  severity: 'warning',
  scope: 'cell',
  title: 'Meter device without its meter point',
  description: 'An ESME Device ID is given without an MPAN, or a GSME Device ID without an MPRN.',
  why: 'A meter whose meter point is missing cannot be migrated; usually the MPAN or MPRN was left out.',
  fields: ['esmeId', 'gsmeId'],
  fixable: false,
  examples: { valid: 'ESME Device ID with MPAN', invalid: 'GSME Device ID with no MPRN' },
  stage: 10,
  rowCheck: (p, report) => {
    if (p.blank) return;
    const at = p.ctx.slotOf;
    const hasMpan = stateAt(p, at.mpan).present;
    const hasMprn = stateAt(p, at.mprn).present;
    if (!hasMpan && !hasMprn) return;
    if (!hasMpan) reportDevice(p, report, at.esmeId, 'mpan');
    if (!hasMprn) reportDevice(p, report, at.gsmeId, 'mprn');
  },
  training: { templates: BOTH, field: fixedField('gsmeId'), mistake: (row) => ({ ...electricityOnly(row), gsmeId: row.gsmeId }) },
});

export const deviceWithoutMeterPointMessage = (device: string, meterPoint: string): string =>
  `${device} is given but the row has no ${meterPoint}. Add the ${meterPoint} or remove the device.`;

/** A meter's device ID is given but the row has no meter point of that fuel. */
function reportDevice(p: RowProbe, report: RowReport<false>, deviceSlot: number, meterId: string): void {
  if (deviceSlot < 0 || !p.states[deviceSlot]!.present) return;
  const device = p.ctx.detection.boundFields[deviceSlot]!.field;
  const meter = p.ctx.detection.profile.fields.find((f) => f.id === meterId)!;
  report(deviceSlot, deviceWithoutMeterPointMessage(headerOf(p.ctx, device), headerOf(p.ctx, meter)));
}
