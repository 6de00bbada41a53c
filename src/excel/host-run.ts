import { GatewayError } from './gateway';

/**
 * Cell edit mode. While the user is typing in a cell, Excel fails any batch with
 * `InvalidOperationInCellEditMode` unless it was run with `delayForCellEdit: true` (ExcelApi 1.11),
 * which holds the batch until the user leaves the cell. Every batch of the gateways asks for the delay;
 * hosts below 1.11 ignore the option, so a refused batch is also retried, with growing pauses, for
 * about 20 seconds before the caller is told (GatewayError `edit-mode`).
 */

export const CELL_EDIT_MODE_CODE = 'InvalidOperationInCellEditMode';

/** Pauses before each retry of a batch refused in cell edit mode. */
export const EDIT_MODE_RETRY_MS: readonly number[] = [250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000];

export const realWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function retryInCellEditMode<T>(attempt: () => Promise<T>, wait: (ms: number) => Promise<void>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (officeErrorCode(e) !== CELL_EDIT_MODE_CODE) throw e;
      const pause = EDIT_MODE_RETRY_MS[i];
      if (pause === undefined) {
        throw new GatewayError(
          'edit-mode',
          'Excel is still editing a cell, so MAM Prep could not reach the workbook. Press Enter or Esc in the cell; MAM Prep tries again on the next change.',
          CELL_EDIT_MODE_CODE,
        );
      }
      await wait(pause);
    }
  }
}

/** An Office error's `code` (never its localised message). */
export function officeErrorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}
