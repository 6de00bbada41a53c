import { defineRule } from '../engine/rule';

export const templateVersion = defineRule({
  id: 'template-version',
  severity: 'warning',
  scope: 'header',
  title: 'Template version is not the current one',
  description: 'The header block states a template version other than the profile\'s current one (v06a for the Migration Authorisation, v06 for the Dormant Meter Schedule).',
  why: 'DCC may reject submissions on an old template; columns and rules can differ between versions.',
  fields: ['version'],
  fixable: false,
  examples: { valid: 'v06a', invalid: 'v05' },
  stage: 10,
});

export function templateVersionMessage(stated: string, current: string, known: boolean): string {
  return known
    ? `The workbook is template version ${stated}; the current version is ${current}. Copy your rows into the current template before you submit.`
    : `The template version "${stated}" is not one MAM Prep knows; the current version is ${current}. Check you are using DCC's current template.`;
}
