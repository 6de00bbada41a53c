import { defineRule } from '../engine/rule';
import { displayValue, text } from '../engine/cell';
import { Verdict } from '../engine/rule';
import { BOTH, isMa } from './support/training';
import { describeAllowed } from './group-id-unknown';

export const codeValue = defineRule({
  id: 'code-value',
  severity: 'error',
  scope: 'cell',
  title: 'Code not allowed',
  description: 'The Energy Installation Supplier or Firmware Upgrade Required cell holds a value outside its allowed codes.',
  why: 'DCC reads these columns as single-letter codes: E or G for the coordinating supplier, Y or N for firmware.',
  fields: ['eis', 'firmwareUpgradeRequired'],
  fixable: true,
  fixDescription: 'Replaces an unambiguous variant with its code: another case, Electricity/Elec → E, Gas → G, Yes/True → Y, No/False → N.',
  examples: { valid: 'E', invalid: 'Electricity' },
  stage: 3,
  cellCheck: {
    types: ['code'],
    check: (p, report) => {
      const v = p.cell.value;
      const value = p.text ?? (v.kind === 'boolean' ? (v.boolean ? 'TRUE' : 'FALSE') : String(displayValue(v)));
      const allowed = p.ctx.allowed.get(p.field.id)?.values ?? new Set(p.field.codes ?? []);
      if (allowed.has(value)) {
        p.key = value;
        return Verdict.valid;
      }
      const fix = codeForVariant(value, allowed);
      report(codeValueMessage(value, allowed, fix), fix === undefined ? undefined : { to: fix, type: 'text' });
      p.key = undefined;
      return Verdict.invalid;
    },
  },
  training: {
    templates: BOTH,
    field: (t) => (isMa(t) ? 'eis' : 'firmwareUpgradeRequired'),
    mistake: (row, { template }) => (isMa(template) ? { ...row, eis: text('Electricity') } : { ...row, firmwareUpgradeRequired: text('Yes') }),
  },
});

const VARIANTS: Readonly<Record<string, string>> = {
  electricity: 'E',
  elec: 'E',
  gas: 'G',
  yes: 'Y',
  true: 'Y',
  no: 'N',
  false: 'N',
};

/** The allowed code an unambiguous variant stands for, if any. */
function codeForVariant(value: string, allowed: ReadonlySet<string>): string | undefined {
  const sameLetters = [...allowed].filter((a) => a.toLowerCase() === value.toLowerCase());
  if (sameLetters.length === 1) return sameLetters[0];
  const mapped = VARIANTS[value.toLowerCase()];
  return mapped !== undefined && allowed.has(mapped) ? mapped : undefined;
}

const codeValueMessage = (value: string, allowed: ReadonlySet<string>, fix: string | undefined): string =>
  fix !== undefined ? `"${value}" is not an allowed code; use "${fix}".` : `"${value}" is not an allowed code. Use one of: ${describeAllowed(allowed)}.`;
