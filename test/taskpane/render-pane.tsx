import { render, type RenderResult } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { RULES } from '../../src/rules';
import { App, type PaneSlots } from '../../src/taskpane/app';
import type { PaneState } from '../../src/taskpane/pane-controller';
import { StubController, stubGateway } from './pane-fixtures';

/** Renders the pane over stubs and hands back the stubs for assertions. */
export function renderPane(state: Partial<PaneState>, slots?: PaneSlots) {
  const controller = new StubController(state);
  const gateway = stubGateway();
  const view: RenderResult = render(<App gateway={gateway} controller={controller} rules={RULES} theme={webLightTheme} slots={slots} />);
  return { view, controller, gateway };
}
