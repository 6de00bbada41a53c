import type { ReactNode } from 'react';
import type { Profile } from '../../engine/profile';
import type { RuleMeta } from '../../engine/rule';
import type { PaneSlotContext } from '../app';
import { ExportGatePanel } from './export-gate-panel';

export interface ExportSlotDeps {
  readonly profiles: () => readonly Profile[];
  readonly rules: readonly RuleMeta[];
  readonly version: string;
}

/** The shell's `exportGate` slot. */
export function exportGateSlot(deps: ExportSlotDeps): (context: PaneSlotContext) => ReactNode {
  return function ExportGateSlot(context: PaneSlotContext): ReactNode {
    return <ExportGatePanel controller={context.controller} currentResult={context.state.result} {...deps} />;
  };
}
