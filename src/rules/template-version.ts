import { defineRule } from '../engine/rule';
import { displayValue } from '../engine/cell';

export const templateVersion = defineRule({
  id: 'template-version',
  severity: 'warning',
  scope: 'header',
  title: 'Template version is not the current one',
  description:
    "The header block states a template version other than the profile's current one (v06a for the Migration Authorisation, v06 for the Dormant Meter Schedule).",
  why: 'DCC may reject submissions on an old template; columns and rules can differ between versions.',
  fields: ['version'],
  fixable: false,
  examples: { valid: 'v06a', invalid: 'v05' },
  stage: 10,
  workbookCheck: (p, report) => {
    const holder = p.detection?.version;
    if (!p.detection || !holder) return;
    const version = String(displayValue(holder.cell.value)).trim();
    const current = p.detection.profile.currentVersion;
    if (version === '' || version.toLowerCase() === current.toLowerCase()) return;
    const known = p.detection.profile.knownVersions.some((v) => v.toLowerCase() === version.toLowerCase());
    report(templateVersionMessage(version, current, known), { row: holder.row, col: holder.col, field: 'version' });
  },
  training: { notOnARow: 'about the template version in the header block' },
});

function templateVersionMessage(stated: string, current: string, known: boolean): string {
  return known
    ? `The workbook is template version ${stated}; the current version is ${current}. Copy your rows into the current template before you submit.`
    : `The template version "${stated}" is not one MAM Prep knows; the current version is ${current}. Check you are using DCC's current template.`;
}
