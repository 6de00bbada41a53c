import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type JSX, type KeyboardEvent, type ClipboardEvent } from 'react';
import { columnLetters, parseA1, toA1 } from '../engine/address';
import { displayValue } from '../engine/cell';
import type { DemoGateway } from './demo-gateway';
import { cellFromInput, parseTabSeparated } from './typed-input';

interface Position {
  readonly row: number;
  readonly col: number;
}

/** Extra empty rows and columns beyond the used area, so there is room to type and paste. */
const SPARE_ROWS = 20;
const SPARE_COLS = 2;
const MIN_ROWS = 30;
const MIN_COLS = 12;

const HIGHLIGHT_LABEL = { error: 'error', warning: 'warning', exempt: 'exempt row' } as const;

/**
 * A small spreadsheet over the demo's fake workbook: click or arrow keys to select, type or F2 to
 * edit, Enter / Tab to commit, Delete to clear, Ctrl+V to paste tab-separated text, sheet tabs below.
 * Every edit goes through the gateway (`setCells`), so the pane sees it as it would see Excel's.
 */
export function SpreadsheetGrid({ gateway }: { readonly gateway: DemoGateway }): JSX.Element {
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const [selected, setSelected] = useState<Position>({ row: 7, col: 2 });
  const [editing, setEditingState] = useState<string | null>(null);
  // Set before focus moves back to the grid, so the editor's blur does not commit a second time.
  const editOpen = useRef(false);
  const setEditing = useCallback((value: string | null) => {
    editOpen.current = value !== null;
    setEditingState(value);
  }, []);
  const gridRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => gateway.onRepaint(repaint), [gateway]);
  useEffect(
    () =>
      gateway.onSelectionChange(({ sheet, cell }) => {
        const ref = parseA1(cell);
        gateway.activate(sheet);
        if (ref) setSelected({ row: ref.row, col: ref.col });
        setEditing(null);
      }),
    [gateway, setEditing],
  );

  const sheets = gateway.listSheets();
  const sheet = gateway.activeSheet && sheets.includes(gateway.activeSheet) ? gateway.activeSheet : (sheets[0] ?? '');
  const data = gateway.data.sheets.find((s) => s.name === sheet);
  const lastRow = data?.cells.length ?? 0;
  const lastCol = Math.max(0, ...(data?.cells ?? []).map((r) => r?.length ?? 0));
  const rowCount = Math.max(MIN_ROWS, lastRow + SPARE_ROWS);
  const colCount = Math.max(MIN_COLS, lastCol + SPARE_COLS);
  const highlights = gateway.highlightedCells(sheet);
  const address = toA1(selected.row, selected.col);

  useLayoutEffect(() => {
    document.getElementById(cellId(address))?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [address, sheet]);
  // Runs when editing starts, not on every keystroke of the edit.
  const isEditing = editing !== null;
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!isEditing || !input) return;
    // Like Excel: the caret goes after what is already there.
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, [isEditing]);

  const shown = (row: number, col: number): string => String(displayValue(gateway.getCell(sheet, toA1(row, col)).value));

  const move = useCallback(
    (dRow: number, dCol: number) => setSelected((p) => ({ row: clamp(p.row + dRow, 1, rowCount), col: clamp(p.col + dCol, 1, colCount) })),
    [rowCount, colCount],
  );

  const commit = (value: string, then: () => void) => {
    gateway.setCell(sheet, address, cellFromInput(value));
    setEditing(null);
    then();
    gridRef.current?.focus();
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing !== null) return;
    const keys: Record<string, () => void> = {
      ArrowUp: () => move(-1, 0),
      ArrowDown: () => move(1, 0),
      ArrowLeft: () => move(0, -1),
      ArrowRight: () => move(0, 1),
      Enter: () => setEditing(shown(selected.row, selected.col)),
      F2: () => setEditing(shown(selected.row, selected.col)),
      Delete: () => gateway.setCell(sheet, address, cellFromInput('')),
      Backspace: () => setEditing(''),
    };
    const action = keys[event.key];
    if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      action();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setEditing(event.key);
    }
  };

  const onEditKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(value, () => move(event.shiftKey ? -1 : 1, 0));
    } else if (event.key === 'Tab') {
      event.preventDefault();
      commit(value, () => move(0, event.shiftKey ? -1 : 1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(null);
      gridRef.current?.focus();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (editing !== null) return;
    event.preventDefault();
    const rows = parseTabSeparated(event.clipboardData.getData('text/plain'));
    if (rows.length === 0) return;
    gateway.setCells(
      sheet,
      address,
      rows.map((r) => r.map(cellFromInput)),
    );
  };

  return (
    <div className="sheet">
      <div className="formula-bar">
        <span className="name-box" aria-label="Selected cell" data-testid="name-box">
          {address}
        </span>
        <span className="cell-value" aria-label="Cell value" data-testid="cell-value">
          {shown(selected.row, selected.col)}
        </span>
      </div>
      <div
        ref={gridRef}
        className="grid-scroll"
        role="grid"
        aria-label={`Sheet ${sheet}`}
        aria-rowcount={rowCount}
        aria-colcount={colCount}
        aria-activedescendant={cellId(address)}
        tabIndex={0}
        onKeyDown={onGridKey}
        onPaste={onPaste}
      >
        {/* The grid's rows belong to the grid: the table only lays them out (role=presentation). */}
        <table role="presentation">
          <thead role="rowgroup">
            <tr role="row">
              <th className="corner" aria-hidden="true" />
              {range(colCount).map((c) => (
                <th key={c} role="columnheader" scope="col" className={c === selected.col ? 'current' : undefined}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {range(rowCount).map((r) => (
              <tr key={r} role="row">
                <th role="rowheader" scope="row" className={r === selected.row ? 'current' : undefined}>
                  {r}
                </th>
                {range(colCount).map((c) => {
                  const a1 = toA1(r, c);
                  const isSelected = r === selected.row && c === selected.col;
                  const highlight = highlights.get(a1);
                  return (
                    <td
                      key={c}
                      id={cellId(a1)}
                      role="gridcell"
                      data-cell={a1}
                      aria-selected={isSelected}
                      aria-description={highlight ? `Highlighted: ${HIGHLIGHT_LABEL[highlight]}` : undefined}
                      className={[isSelected ? 'selected' : '', highlight ? `hl-${highlight}` : ''].join(' ').trim() || undefined}
                      onMouseDown={(event) => {
                        if (isSelected && editing !== null) return;
                        event.preventDefault();
                        setEditing(null);
                        setSelected({ row: r, col: c });
                        gridRef.current?.focus();
                      }}
                      onDoubleClick={() => setEditing(shown(r, c))}
                    >
                      {isSelected && editing !== null ? (
                        <input
                          ref={inputRef}
                          className="cell-editor"
                          aria-label={`Edit ${a1}`}
                          defaultValue={editing}
                          onKeyDown={onEditKey}
                          onBlur={(event) => {
                            if (editOpen.current) commit(event.currentTarget.value, () => undefined);
                          }}
                        />
                      ) : (
                        shown(r, c)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sheet-tabs" role="tablist" aria-label="Sheets">
        {sheets.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === sheet}
            className={name === sheet ? 'active' : undefined}
            onClick={() => {
              setEditing(null);
              gateway.activate(name);
            }}
          >
            {name}
          </button>
        ))}
      </div>
    </div>
  );
}

const cellId = (a1: string): string => `cell-${a1}`;
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
