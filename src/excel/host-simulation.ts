import { CELL_EDIT_MODE_CODE } from './host-run';
import { PAYLOAD_LIMIT_BYTES } from './scan-plan';

/**
 * Excel's refusals as the simulated host applies them, defined once: the simulated workbook's
 * primitives (simulated-workbook.ts) and both of its faces, the fake gateway (fake-gateway.ts: pane
 * tests and the browser demo) and the Office.js object model the Office gateway is tested against
 * (test/excel/support/mock-excel.ts). Each rule follows the Office.js documentation and is never
 * kinder than Excel; a face only decides when to ask. Change events need no rule here: both faces
 * send Excel's address strings through the one translation the gateway uses (change-rows.ts).
 */

/** An Office error as Office.js throws it: matched by `code`, never by message. */
export class SimulatedOfficeError extends Error {
  constructor(readonly code: string) {
    super(`Office error ${code}`);
    this.name = 'OfficeExtension.Error';
  }
}

/**
 * Cell edit mode (the user is typing in a cell). A batch run without `delayForCellEdit` fails with
 * `InvalidOperationInCellEditMode`; with it, the host holds the batch until the edit ends, unless
 * the host is below ExcelApi 1.11 and ignores the option, where it fails as well.
 */
export class CellEditMode {
  private editing = false;
  private held: Array<() => void> = [];

  get active(): boolean {
    return this.editing;
  }

  /** Leaving the cell releases every held batch. */
  set active(on: boolean) {
    this.editing = on;
    if (!on) for (const release of this.held.splice(0)) release();
  }

  /** Resolves when the batch may run; rejects with the host's error when it refuses the batch. */
  async admit(delayForCellEdit: boolean, hostHonoursDelay: boolean): Promise<void> {
    while (this.editing) {
      if (!delayForCellEdit || !hostHonoursDelay) throw new SimulatedOfficeError(CELL_EDIT_MODE_CODE);
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
  }
}

/** Excel on the web's limit on one request and one response; desktop Excel has none. */
export function payloadLimitFor(platform: 'desktop' | 'web'): number | undefined {
  return platform === 'web' ? PAYLOAD_LIMIT_BYTES : undefined;
}

/** The error a host with this limit returns for a request or response of these sizes, or null when it takes it. */
export function payloadRefusal(
  limit: number | undefined,
  sizes: { readonly requestBytes?: number; readonly responseBytes?: number },
): SimulatedOfficeError | null {
  if (limit === undefined) return null;
  if ((sizes.requestBytes ?? 0) > limit) return new SimulatedOfficeError('RequestPayloadSizeLimitExceeded');
  if ((sizes.responseBytes ?? 0) > limit) return new SimulatedOfficeError('ResponsePayloadSizeLimitExceeded');
  return null;
}

/** What protection a sheet has, as both simulators store it. */
export interface SimulatedProtection {
  readonly protected?: boolean;
  /** A protected sheet that still allows "Format cells". */
  readonly allowFormatCells?: boolean;
}

/**
 * A protected sheet without "Format cells" refuses conditional-format and number-format changes
 * (AccessDenied), even in unlocked cells.
 */
export function refusesFormats(sheet: SimulatedProtection): boolean {
  return (sheet.protected ?? false) && !(sheet.allowFormatCells ?? false);
}

/** A protected sheet refuses a value written to a locked cell (cells are locked unless unlocked). */
export function refusesValueWrite(sheet: SimulatedProtection, cellUnlocked: boolean): boolean {
  return (sheet.protected ?? false) && !cellUnlocked;
}

export const ACCESS_DENIED = 'AccessDenied';
