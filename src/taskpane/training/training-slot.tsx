import type { ReactNode } from 'react';
import type { PaneSlotContext } from '../app';
import type { TrainingFocus } from './training-focus';
import { TrainingPanel } from './training-panel';
import type { PaneRule } from '../shared/pane-rule';

export interface TrainingSlotDeps {
  readonly rules: readonly PaneRule[];
  /** Shared with the live controller's engineOptions (see TrainingFocus). */
  readonly focus: TrainingFocus;
  readonly today: () => string;
}

/** The shell's `training` slot: the Training tab. */
export function trainingSlot(deps: TrainingSlotDeps): (context: PaneSlotContext) => ReactNode {
  return function TrainingSlot(context: PaneSlotContext): ReactNode {
    return <TrainingPanel state={context.state} gateway={context.gateway} controller={context.controller} {...deps} />;
  };
}
