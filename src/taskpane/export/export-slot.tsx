import type { ReactNode } from 'react';
import type { Profile } from '../../engine/profile';
import type { WorkbookGateway } from '../../excel/gateway';
import type { PaneSlotContext } from '../app';
import type { PaneController } from '../pane-controller';
import { ExportGatePanel } from './export-gate-panel';
import { ExportGateStore } from './export-gate-store';
import type { PaneRule } from '../shared/pane-rule';

export interface ExportSlotDeps {
  readonly gateway: Pick<WorkbookGateway, 'clearHighlights' | 'capabilities'>;
  readonly controller: Pick<PaneController, 'recheck' | 'getState' | 'subscribe' | 'setHighlights'>;
  readonly profiles: () => readonly Profile[];
  readonly rules: readonly PaneRule[];
  readonly version: string;
}

/** The shell's `exportGate` slot (the Export tab), over one store that outlives tab switches. */
export function exportGateSlot(deps: ExportSlotDeps): (context: PaneSlotContext) => ReactNode {
  const store = new ExportGateStore({
    controller: deps.controller,
    clearHighlights: () => deps.gateway.clearHighlights(),
    profiles: deps.profiles,
    // Where every Office.js write empties Excel's undo stack, only the analyst brings highlights back.
    restoreOnEdit: () => deps.gateway.capabilities.undo !== 'clears',
  });
  return function ExportGateSlot(context: PaneSlotContext): ReactNode {
    return <ExportGatePanel store={store} currentResult={context.state.result} rules={deps.rules} version={deps.version} />;
  };
}
