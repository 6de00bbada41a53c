import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';
import { FakeGateway } from '../../../src/excel/fake-gateway';
import { simulatedWorkbookFromSnapshot } from '../../../src/excel/simulated-workbook';
import { RULES } from '../../../src/rules';
import { LivePaneController } from '../../../src/taskpane/live-pane-controller';
import { TrainingFocus } from '../../../src/taskpane/training/training-focus';
import { TrainingPanel } from '../../../src/taskpane/training/training-panel';
import { trainingRuleIds } from '../../../src/taskpane/training/training-sheet';
import { ManualScheduler } from '../../excel/support/manual-scheduler';
import { buildWorkbook, TODAY, validMaRow } from '../../support/sheet-builder';

const DATA_SHEET = 'Migration Authorisation';

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

function Harness({ controller, gateway, focus }: { controller: LivePaneController; gateway: FakeGateway; focus: TrainingFocus }) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return (
    <FluentProvider theme={webLightTheme}>
      <TrainingPanel state={state} gateway={gateway} controller={controller} rules={RULES} focus={focus} today={() => TODAY} />
    </FluentProvider>
  );
}

async function open(prepare: (gateway: FakeGateway) => void = () => undefined) {
  const rows = [validMaRow(0), { ...validMaRow(1), mpan: '1300000000001' }];
  const gateway = new FakeGateway(simulatedWorkbookFromSnapshot(buildWorkbook(rows)));
  prepare(gateway);
  const focus = new TrainingFocus();
  const controller = new LivePaneController({
    gateway,
    engineOptions: () => focus.engineOptions({ rules: RULES, today: TODAY }),
    scheduler: new ManualScheduler(),
  });
  render(<Harness controller={controller} gateway={gateway} focus={focus} />);
  await act(() => controller.start());
  return { gateway, focus, controller };
}

describe('trainer mode panel', () => {
  it('inserts the training sheet beside the data sheet, checks it, and goes back to the data sheet', async () => {
    const { gateway, controller } = await open();
    const dataBefore = JSON.stringify(gateway.data.sheets[0]!.cells);
    expect(controller.getState().result?.template?.sheet).toBe(DATA_SHEET);

    await userEvent.click(screen.getByRole('button', { name: 'Insert training sheet' }));

    expect(gateway.listSheets()).toEqual([DATA_SHEET, 'MAM Prep training']);
    expect(JSON.stringify(gateway.data.sheets[0]!.cells)).toBe(dataBefore);
    const result = controller.getState().result!;
    expect(result.template?.sheet).toBe('MAM Prep training');
    expect(new Set(result.findings.map((f) => f.ruleId))).toEqual(new Set([...trainingRuleIds('migration-authorisation')]));
    expect(screen.getByRole('status').textContent).toMatch(/Your data sheet was not changed/);

    await userEvent.click(screen.getByRole('button', { name: 'Check my data sheet' }));
    expect(controller.getState().result?.template?.sheet).toBe(DATA_SHEET);
    expect(controller.getState().result?.findings.map((f) => f.ruleId)).toEqual(['mpan-check-digit']);
    // Back where the analyst works: the data sheet, at its first finding.
    expect(gateway.selection?.sheet).toBe(DATA_SHEET);
    expect(gateway.selection?.cell).toBe(controller.getState().result?.findings[0]?.cell);
    expect(screen.getByRole('status').textContent).toMatch(/^Back on your data sheet "Migration Authorisation"/);
    // The training sheet is still there and can be checked again without a second copy.
    await userEvent.click(screen.getByRole('button', { name: 'Check “MAM Prep training”' }));
    expect(controller.getState().result?.template?.sheet).toBe('MAM Prep training');
    expect(gateway.listSheets()).toHaveLength(2);
  });

  it('ends the walk-through with a summary of what was shown and what cannot be shown on a row, and why', async () => {
    await open();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Insert training sheet' }));
    // One lookup by role and name: each one computes the accessible name of every button on the pane.
    const next = screen.getByRole('button', { name: 'Next rule' });
    for (let i = 0; i < RULES.length - 1; i++) await user.click(next);
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    const summary = screen.getByRole('region', { name: 'Training complete' });
    const onRows = trainingRuleIds('migration-authorisation').length;
    expect(
      within(summary).getByText(new RegExp(`^You have stepped through all ${RULES.length} rules\\. ${onRows} have a row on the training sheet`)),
    ).toBeTruthy();
    const header = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(header).toHaveLength(4);
    expect(header.some((t) => /about the User ID in the header block/.test(t ?? ''))).toBe(true);
    expect(within(summary).getByText(/^Only the command line shows, because it compares the files of one run/).textContent).toMatch(
      /: Installation in another file too\.$/,
    );
    expect(within(summary).queryByText(/^Not on this template:.*Installation in another file too/)).toBeNull();
    expect(document.activeElement).toBe(within(summary).getByRole('heading', { name: 'Training complete' }));
    await user.click(within(summary).getByRole('button', { name: 'Check my data sheet' }));
    expect(screen.getByRole('status').textContent).toMatch(/^Back on your data sheet/);
  });

  it('names a second training sheet "(2)" and can insert the Dormant layout', async () => {
    const { gateway, controller } = await open();
    await userEvent.click(screen.getByRole('button', { name: 'Insert training sheet' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check my data sheet' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Dormant Meter Schedule' }));
    await userEvent.click(screen.getByRole('button', { name: 'Insert training sheet' }));
    expect(gateway.listSheets()).toEqual([DATA_SHEET, 'MAM Prep training', 'MAM Prep training (2)']);
    expect(controller.getState().result?.template).toMatchObject({ sheet: 'MAM Prep training (2)', id: 'dormant-schedule' });
  });

  it('steps through every rule with what it checks, why and both examples, and shows its row', async () => {
    const { gateway } = await open();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Insert training sheet' }));
    const card = () => document.querySelector('[data-rule-id]') as HTMLElement;
    expect(card().dataset.ruleId).toBe(RULES[0]!.id);
    expect(within(card()).getByText(`Rule 1 of ${RULES.length}`)).toBeTruthy();
    // The two buttons are looked up by role and name once (each lookup computes the accessible name
    // of every button on the pane); a button that was replaced would not move the card on.
    const previous = screen.getByRole('button', { name: 'Previous rule' });
    const next = screen.getByRole('button', { name: 'Next rule' });
    expect(previous).toHaveProperty('disabled', true);

    const seen: string[] = [];
    for (let i = 0; i < RULES.length; i++) {
      const rule = RULES[i]!;
      expect(card().dataset.ruleId).toBe(rule.id);
      for (const words of [rule.description, rule.why, rule.examples.valid, rule.examples.invalid]) expect(within(card()).getByText(words)).toBeTruthy();
      seen.push(rule.id);
      if (i < RULES.length - 1) await user.click(next);
    }
    expect(seen).toEqual(RULES.map((r) => r.id));
    // The last step ends the walk-through instead of leading nowhere.
    expect(screen.queryByRole('button', { name: 'Next rule' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Finish' })).toBeTruthy();

    // Back to mpan-check-digit: its row is found and "Show row" selects the finding's cell.
    while (card().dataset.ruleId !== 'mpan-check-digit') await user.click(previous);
    expect(within(card()).getByText(/MAM Prep finds it/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Show row \d+$/ }));
    expect(gateway.selection?.sheet).toBe('MAM Prep training');
    expect(gateway.getCell('MAM Prep training', gateway.selection!.cell).value.kind).toBe('text');
  });

  it('says the sheet was not added, and the data sheet not changed, when Excel drops the insert batch', async () => {
    const { gateway } = await open();
    const dataBefore = JSON.stringify(gateway.data.sheets[0]!.cells);
    gateway.failAtSync = { index: gateway.syncCount + 1, code: 'GeneralException' };
    await userEvent.click(screen.getByRole('button', { name: 'Insert training sheet' }));
    expect(gateway.listSheets()).toEqual([DATA_SHEET]);
    expect(JSON.stringify(gateway.data.sheets[0]!.cells)).toBe(dataBefore);
    expect(screen.getByText('Excel did not add the training sheet. Your data sheet was not changed; try again.')).toBeTruthy();
  });

  it('says when a host cannot add sheets, and offers no insert', async () => {
    const { gateway } = await open((g) => Object.defineProperty(g, 'insertWorksheet', { value: undefined }));
    expect(screen.getByRole('button', { name: 'Insert training sheet' })).toHaveProperty('disabled', true);
    expect(screen.getByText('This host cannot add sheets.')).toBeTruthy();
    expect(gateway.listSheets()).toEqual([DATA_SHEET]);
  });
});
