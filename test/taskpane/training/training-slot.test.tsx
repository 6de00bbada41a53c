import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RULES } from '../../../src/rules';
import { TrainingFocus } from '../../../src/taskpane/training/training-focus';
import { trainingSlot } from '../../../src/taskpane/training/training-slot';
import { resultOf } from '../pane-fixtures';
import { renderPane } from '../render-pane';

globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

describe('the Training tab', () => {
  it('appears after Rules when the training slot is given, and shows trainer mode', async () => {
    renderPane({ phase: 'done', result: resultOf([]) }, { training: trainingSlot({ rules: RULES, focus: new TrainingFocus(), today: () => '2026-11-29' }) });
    const tabs = screen.getAllByRole('tab');
    expect(tabs).toHaveLength(3);
    expect(tabs.indexOf(screen.getByRole('tab', { name: 'Training' }))).toBe(tabs.indexOf(screen.getByRole('tab', { name: 'Rules' })) + 1);
    await userEvent.click(screen.getByRole('tab', { name: 'Training' }));
    expect(screen.getByRole('tabpanel', { name: 'Training' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Insert training sheet' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next rule' })).toBeTruthy();
  });

  it('is absent without the slot', () => {
    renderPane({ phase: 'done', result: resultOf([]) });
    expect(screen.queryByRole('tab', { name: 'Training' })).toBeNull();
  });
});
