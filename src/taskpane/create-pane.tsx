import type { Theme } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { WorkbookGateway } from '../excel/gateway';
import { TOOL_VERSION } from '../engine/version';
import { RULES } from '../rules';
import type { PaneSlots } from './app';
import { App } from './app';
import type { PaneFeatures } from './fixes/pane-features';
import { createPaneFeatures } from './fixes/pane-features';
import { LivePaneController } from './live-pane-controller';
import { SettingsModel } from './settings/settings-model';
import { TrainingFocus } from './training/training-focus';
import { trainingSlot } from './training/training-slot';

/** "Today" in the analyst's local time, for the date rules. */
export function localToday(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface Pane {
  readonly controller: LivePaneController;
  readonly features: PaneFeatures;
  readonly settings: SettingsModel;
  readonly slots: PaneSlots;
  /** The app, for `createRoot(...).render`. */
  render(theme: Theme, extraSlots?: Partial<PaneSlots>): JSX.Element;
}

/**
 * Wires one gateway to the whole pane: settings feed the engine options (read on every validation,
 * so a new day or a saved setting applies without reopening), the live controller, and the fixes,
 * settings, export-gate and training features. The Office entry and the browser demo both use it, so they
 * behave the same.
 */
export function createPane(gateway: WorkbookGateway, today: () => string = () => localToday()): Pane {
  const settings = new SettingsModel(gateway);
  // Trainer mode can point the engine at its training sheet; the user's data sheet is never touched.
  const training = new TrainingFocus();
  const engineOptions = () => training.engineOptions({ ...settings.engineOptions(today()), rules: RULES });
  const controller = new LivePaneController({ gateway, engineOptions, highlights: settings.getState().highlights });
  const features = createPaneFeatures({ gateway, controller, settings, engineOptions, rules: RULES, version: TOOL_VERSION });
  const slots: PaneSlots = { ...features.slots, training: trainingSlot({ rules: RULES, focus: training, today }) };
  return {
    controller,
    features,
    settings,
    slots,
    render: (theme, extraSlots = {}) => <App gateway={gateway} controller={controller} rules={RULES} theme={theme} slots={{ ...slots, ...extraSlots }} />,
  };
}
