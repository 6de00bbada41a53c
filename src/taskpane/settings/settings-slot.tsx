import type { ReactNode } from 'react';
import type { PaneSlotContext } from '../app';
import type { SettingsModel } from './settings-model';
import { SettingsPanel } from './settings-panel';

/**
 * The shell's `settings` slot. A saved validation setting triggers a full re-check (the live
 * controller reads the engine options from the model at each full check); the highlights switch
 * goes through the controller so the shell's own switch stays in step.
 */
export function settingsSlot(settings: SettingsModel): (context: PaneSlotContext) => ReactNode {
  return function SettingsSlot(context: PaneSlotContext): ReactNode {
    return (
      <SettingsPanel
        settings={settings}
        result={context.state.result}
        undo={context.gateway.capabilities.undo}
        onValidationSettingsChanged={() => context.controller.recheck()}
        onHighlightsChanged={(on) => context.controller.setHighlights(on)}
      />
    );
  };
}
