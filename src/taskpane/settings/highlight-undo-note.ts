import type { UndoSupport } from '../../excel/gateway';

/** What turning highlights on means for Excel's undo on the host in use (Settings, under the switch). */
export function highlightUndoNote(undo: UndoSupport): string {
  switch (undo) {
    case 'none':
      return 'Ctrl+Z here does not undo anything MAM Prep does; use Revert on the Fixes tab.';
    case 'clears':
      return 'On this version of Excel any change an add-in makes clears your Ctrl+Z history, so MAM Prep colours cells only when you ask (this switch, or Highlight cells), never by itself. Fixes clear it too; use Revert on the Fixes tab.';
    case 'separate':
      return 'MAM Prep updates the colours after your edits. Each update is its own Ctrl+Z step, so the first Ctrl+Z after an edit may undo colours rather than your typing.';
    case 'merged':
      return 'MAM Prep updates the colours after your edits. Each update is its own Ctrl+Z step, so the first Ctrl+Z after an edit may undo colours rather than your typing; a fix and its colours are one step.';
  }
}
