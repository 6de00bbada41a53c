import { type Cell, EMPTY_CELL, text } from '../../engine/cell';
import { DEFAULT_PROFILES, type Profile } from '../../engine/profile';

/**
 * Lays rows out the way the DCC templates do (docs/templates.md): title in A1, the header block in
 * rows 2–4, the table header in row 6, data from row 7. Shared by the training sheet and the demo's
 * sample workbooks, so both look like the real thing to the engine and to a trainee.
 */

export type TemplateId = 'migration-authorisation' | 'dormant-schedule';

const TABLE_HEADER_ROW = 6;
export const FIRST_DATA_ROW = TABLE_HEADER_ROW + 1;

/** One data row: field id → cell (absent = empty). `null` is a row left entirely empty. */
export type FieldRow = Readonly<Record<string, Cell | undefined>> | null;

export interface TemplateLayout {
  readonly template: TemplateId;
  /** A1; defaults to the profile's title text. */
  readonly title?: string;
  readonly version?: string;
  readonly userId: string;
  /** Migration Authorisation only. */
  readonly serviceProvider?: string;
  readonly rows: readonly FieldRow[];
  /** Extra columns right of the template's (unknown headers, which the engine ignores). */
  readonly extraColumns?: ReadonlyArray<{ readonly header: string; readonly values: ReadonlyArray<string | undefined> }>;
}

function profileFor(template: TemplateId): Profile {
  const profile = DEFAULT_PROFILES.find((p) => p.id === template);
  if (!profile) throw new Error(`No template profile "${template}".`);
  return profile;
}

/** The template's fields in column order (the profile's order), with the header text used for each. */
function templateColumns(template: TemplateId): ReadonlyArray<{ readonly field: string; readonly header: string }> {
  return profileFor(template).fields.map((f) => ({ field: f.id, header: f.headers[0]! }));
}

/** The 1-based column of a field in the layout. */
export function columnOfField(template: TemplateId, field: string): number {
  const index = templateColumns(template).findIndex((c) => c.field === field);
  if (index < 0) throw new Error(`The ${template} template has no field "${field}".`);
  return index + 1;
}

export function buildTemplateGrid(layout: TemplateLayout): Array<Array<Cell | undefined>> {
  const profile = profileFor(layout.template);
  const columns = templateColumns(layout.template);
  const grid: Array<Array<Cell | undefined>> = [];
  grid.push([text(layout.title ?? profile.titleContains)]);
  grid.push([text(profile.headerBlock.version[0]!), text(layout.version ?? profile.currentVersion)]);
  grid.push([text(profile.headerBlock.userId[0]!), text(layout.userId)]);
  grid.push(layout.serviceProvider !== undefined ? [text(profile.headerBlock.serviceProvider[0]!), text(layout.serviceProvider)] : []);
  grid.push([]);
  const extras = layout.extraColumns ?? [];
  grid.push([...columns.map((c) => text(c.header)), ...extras.map((e) => text(e.header))]);
  layout.rows.forEach((row, i) => {
    const cells: Array<Cell | undefined> = columns.map((c) => row?.[c.field] ?? EMPTY_CELL);
    for (const extra of extras) {
      const value = extra.values[i];
      cells.push(value === undefined || value === '' ? EMPTY_CELL : text(value));
    }
    grid.push(cells);
  });
  return grid;
}
