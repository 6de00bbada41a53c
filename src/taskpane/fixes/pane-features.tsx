import type { EngineOptions } from '../../engine/result';
import type { WorkbookGateway } from '../../excel/gateway';
import type { PaneSlots } from '../app';
import { exportGateSlot } from '../export/export-slot';
import type { LivePaneController } from '../live-pane-controller';
import type { SettingsModel } from '../settings/settings-model';
import { settingsSlot } from '../settings/settings-slot';
import { FixJournal } from './fix-journal';
import { FixService } from './fix-service';
import { fixesSlot } from './fixes-panel';
import type { RuleId } from '../../rules';
import type { PaneRule } from '../shared/pane-rule';

export interface PaneFeatureDeps {
  readonly gateway: WorkbookGateway;
  readonly controller: LivePaneController;
  readonly settings: SettingsModel;
  /** The same options the live controller validates with (from the settings model). */
  readonly engineOptions: () => EngineOptions<RuleId>;
  readonly rules: readonly PaneRule[];
  readonly version: string;
}

export interface PaneFeatures {
  readonly slots: PaneSlots;
  readonly journal: FixJournal;
  readonly fixes: FixService;
}

/**
 * Builds the Fixes, Settings and export-gate slots over one journal (loaded from the document's
 * settings) and one fix service, so the entry point wires all three in one call.
 */
export function createPaneFeatures(deps: PaneFeatureDeps): PaneFeatures {
  // Per user, so co-authors' saves never drop each other's history.
  const journal = FixJournal.load(deps.gateway.documentSettings, { user: deps.gateway.userKey?.() });
  const titles = new Map(deps.rules.map((r) => [r.id, r.title]));
  const fixes = new FixService({
    gateway: deps.gateway,
    controller: deps.controller,
    journal,
    ruleTitle: (id) => titles.get(id) ?? id,
    source: { snapshot: () => deps.controller.live.snapshot, result: () => deps.controller.live.result, engineOptions: deps.engineOptions },
  });
  const slots: PaneSlots = {
    fixes: fixesSlot({ service: fixes, journal, rules: deps.rules }),
    issueFixes: { service: fixes, journal },
    settings: settingsSlot(deps.settings),
    exportGate: exportGateSlot({
      gateway: deps.gateway,
      controller: deps.controller,
      profiles: () => deps.engineOptions().profiles ?? deps.settings.getState().profiles,
      rules: deps.rules,
      version: deps.version,
    }),
  };
  return { slots, journal, fixes };
}
