import { useEffect, useRef, useState, useSyncExternalStore, type JSX } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { columnLetters } from '../../engine/address';
import type { RuleId } from '../../rules';
import { GatewayError, type WorkbookGateway } from '../../excel/gateway';
import type { PaneController, PaneState } from '../pane-controller';
import { SeverityBadge } from '../shared/severity-badge';
import type { TrainingFocus } from './training-focus';
import { ACROSS_FILES_RULES, buildTrainingSheet, NOT_ON_A_ROW, TRAINING_SHEET_NAME, trainingSheetName, type TrainingRow } from './training-sheet';
import { columnOfField, type TemplateId } from './template-layout';
import { panelBox } from '../shared/panel-box';
import type { PaneRule } from '../shared/pane-rule';

export interface TrainingPanelProps {
  readonly state: PaneState;
  readonly gateway: WorkbookGateway;
  readonly controller: PaneController;
  readonly rules: readonly PaneRule[];
  readonly focus: TrainingFocus;
  /** "Today" (YYYY-MM-DD) for the training sheet's dates. */
  readonly today: () => string;
}

const TEMPLATE_NAMES: Readonly<Record<TemplateId, string>> = {
  'migration-authorisation': 'Migration Authorisation',
  'dormant-schedule': 'Dormant Meter Schedule',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '16px', minWidth: 0 },
  bar: { alignSelf: 'stretch', minWidth: 0 },
  wrap: { overflowWrap: 'anywhere', whiteSpace: 'normal' },
  section: { display: 'flex', flexDirection: 'column', rowGap: '8px', alignItems: 'flex-start' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } },
  buttons: { display: 'flex', flexWrap: 'wrap', columnGap: '8px', rowGap: '4px' },
  card: { alignSelf: 'stretch', ...panelBox, rowGap: '6px' },
  ruleTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '6px' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: '8px', rowGap: '4px', fontSize: tokens.fontSizeBase200 },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  example: { fontFamily: tokens.fontFamilyMonospace },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

/**
 * Trainer mode: insert a training sheet (one typical mistake per rule, beside the user's data, never
 * in it), point the checks at it, and step through the rules one at a time for presenting. The
 * full catalogue stays in the Rules tab.
 */
export function TrainingPanel({ state, gateway, controller, rules, focus, today }: TrainingPanelProps): JSX.Element {
  const styles = useStyles();
  const trainingSheet = useSyncExternalStore(focus.subscribe, focus.current, focus.current);
  const detected = state.result?.template?.id;
  const [template, setTemplate] = useState<TemplateId>(detected === 'dormant-schedule' ? 'dormant-schedule' : 'migration-authorisation');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [index, setIndex] = useState(0);
  const [finished, setFinished] = useState(false);
  const rule = rules[Math.min(index, rules.length - 1)];

  // The training sheet's template is the one the engine detected on it once it is being checked.
  const checkedTemplate: TemplateId = !trainingSheet ? template : detected === 'dormant-schedule' ? 'dormant-schedule' : 'migration-authorisation';
  const layout = trainingSheet ? buildTrainingSheet(checkedTemplate, today(), rules) : null;
  const trainingRow = rule && layout ? layout.rows.find((r) => r.ruleId === rule.id) : undefined;
  const existingTraining = (state.result?.otherTemplateSheets ?? []).filter((s) => s.startsWith(TRAINING_SHEET_NAME));

  const run = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice({ intent: 'success', text: await work() });
    } catch (error) {
      setNotice({ intent: 'error', text: error instanceof Error ? error.message.split('\n')[0]! : 'Something went wrong.' });
    } finally {
      setBusy(false);
    }
  };

  const insert = () =>
    run(async () => {
      if (!gateway.insertWorksheet) throw new Error('This host cannot add sheets, so the training sheet cannot be inserted here.');
      const sheet = buildTrainingSheet(template, today(), rules);
      const name = await insertUnderFreeName(gateway.insertWorksheet.bind(gateway), sheet.grid);
      focus.set(name);
      await controller.recheck();
      setIndex(0);
      return `Added the sheet "${name}" and now checking it. Your data sheet was not changed.`;
    });

  const checkTraining = (name: string) =>
    run(async () => {
      focus.set(name);
      await controller.recheck();
      return `Now checking "${name}".`;
    });

  const leave = () =>
    run(async () => {
      focus.set(null);
      await controller.recheck();
      setFinished(false);
      // Back where the analyst works: the data sheet, at its first finding (or its first data row).
      const result = controller.getState().result;
      const dataSheet = result?.template?.sheet;
      if (!dataSheet) return 'Checking your data sheet again.';
      const first = result.findings.find((f) => f.sheet === dataSheet && f.cell !== null);
      const cell = first?.cell ?? `A${result.firstDataRow ?? 1}`;
      try {
        await gateway.select(dataSheet, cell);
      } catch {
        return `Checking your data sheet "${dataSheet}" again. It could not be shown: go to it with its sheet tab.`;
      }
      return `Back on your data sheet "${dataSheet}", checking it again. The training sheet stays in the workbook until you delete it.`;
    });

  const show = (row: TrainingRow) => {
    if (!trainingSheet || !rule) return;
    const found = state.result?.findings.find((f) => f.sheet === trainingSheet && f.row === row.row && f.ruleId === rule.id);
    const cell = found?.cell ?? `${columnLetters(row.field ? columnOfField(checkedTemplate, row.field) : 1)}${row.row}`;
    gateway
      .select(trainingSheet, cell)
      .catch(() => setNotice({ intent: 'error', text: `Could not go to ${trainingSheet}!${cell}. The sheet may have been renamed or deleted.` }));
  };

  const findingsOnRow =
    trainingRow && trainingSheet
      ? (state.result?.findings ?? []).filter((f) => f.sheet === trainingSheet && f.row === trainingRow.row && f.ruleId === rule?.id)
      : [];

  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="training-sheet-heading">
        <h2 id="training-sheet-heading" className={styles.heading}>
          Training sheet
        </h2>
        {trainingSheet ? (
          <>
            <p className={styles.note}>
              Checking the training sheet “{trainingSheet}”: one row per rule, each with a typical mistake. Your data sheet is not changed.
            </p>
            <Button size="small" onClick={() => void leave()} disabled={busy}>
              Check my data sheet
            </Button>
          </>
        ) : (
          <>
            <p className={styles.note}>
              Adds a new sheet laid out like the template with one typical mistake per rule, for finding and fixing together. Your data sheet is not changed.
            </p>
            <Field label="Template">
              <RadioGroup layout="horizontal" value={template} onChange={(_e, data) => setTemplate(data.value as TemplateId)}>
                {(Object.keys(TEMPLATE_NAMES) as TemplateId[]).map((t) => (
                  <Radio key={t} value={t} label={TEMPLATE_NAMES[t]} />
                ))}
              </RadioGroup>
            </Field>
            <div className={styles.buttons}>
              <Button appearance="primary" size="small" onClick={() => void insert()} disabled={busy || !gateway.insertWorksheet}>
                Insert training sheet
              </Button>
              {existingTraining.map((name) => (
                <Button key={name} size="small" onClick={() => void checkTraining(name)} disabled={busy}>
                  Check “{name}”
                </Button>
              ))}
            </div>
            {!gateway.insertWorksheet ? <p className={styles.note}>This host cannot add sheets.</p> : null}
          </>
        )}
        {notice ? (
          <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'} layout="multiline" className={styles.bar}>
            <MessageBarBody className={styles.wrap}>{notice.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </section>

      {rule ? (
        <section className={styles.section} aria-labelledby="training-steps-heading">
          <h2 id="training-steps-heading" className={styles.heading}>
            Step through the rules
          </h2>
          <div className={styles.card} aria-live="polite" aria-atomic="true" data-rule-id={rule.id}>
            <span className={styles.note}>
              Rule {index + 1} of {rules.length}
            </span>
            <h3 className={styles.ruleTitle}>{rule.title}</h3>
            <span className={styles.meta}>
              <SeverityBadge severity={rule.severity} />
              <span className={styles.code}>{rule.id}</span>
            </span>
            <dl className={styles.facts}>
              <dt className={styles.term}>Checks</dt>
              <dd className={styles.detail}>{rule.description}</dd>
              <dt className={styles.term}>Why (MAM)</dt>
              <dd className={styles.detail}>{rule.why}</dd>
              <dt className={styles.term}>Correct</dt>
              <dd className={mergeClasses(styles.detail, styles.example)}>{rule.examples.valid}</dd>
              <dt className={styles.term}>Incorrect</dt>
              <dd className={mergeClasses(styles.detail, styles.example)}>{rule.examples.invalid}</dd>
              {trainingSheet ? (
                <>
                  <dt className={styles.term}>On the sheet</dt>
                  <dd className={styles.detail}>{placeOnSheet(rule.id, trainingRow, findingsOnRow.length)}</dd>
                </>
              ) : null}
            </dl>
          </div>
          <div className={styles.buttons}>
            <Button size="small" onClick={() => setIndex((i) => Math.max(0, i - 1))} disabled={index === 0}>
              Previous rule
            </Button>
            {index < rules.length - 1 ? (
              <Button size="small" appearance="primary" onClick={() => setIndex((i) => Math.min(rules.length - 1, i + 1))}>
                Next rule
              </Button>
            ) : (
              <Button size="small" appearance="primary" onClick={() => setFinished(true)}>
                Finish
              </Button>
            )}
            {trainingRow ? (
              <Button size="small" onClick={() => show(trainingRow)}>
                Show row {trainingRow.row}
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}

      {finished ? (
        <TrainingSummary
          rules={rules}
          template={checkedTemplate}
          onSheet={trainingSheet !== null}
          busy={busy}
          onBack={trainingSheet ? () => void leave() : null}
        />
      ) : null}
    </div>
  );
}

/** The end of a training walk-through: what was shown on the sheet, what cannot be and why, and the way back. */
function TrainingSummary({
  rules,
  template,
  onSheet,
  busy,
  onBack,
}: {
  readonly rules: readonly PaneRule[];
  readonly template: TemplateId;
  readonly onSheet: boolean;
  readonly busy: boolean;
  readonly onBack: (() => void) | null;
}): JSX.Element {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const layout = buildTrainingSheet(template, '2000-01-03', rules);
  const onRow = new Set(layout.rows.map((r) => r.ruleId).filter((id): id is RuleId => id !== null));
  const shown = rules.filter((r) => onRow.has(r.id));
  const header = rules.filter((r) => NOT_ON_A_ROW.has(r.id));
  const acrossFiles = rules.filter((r) => ACROSS_FILES_RULES.includes(r.id));
  const other = rules.filter((r) => !onRow.has(r.id) && !NOT_ON_A_ROW.has(r.id) && !ACROSS_FILES_RULES.includes(r.id));
  return (
    <section className={styles.card} aria-labelledby="training-summary-heading">
      <h2 id="training-summary-heading" ref={heading} tabIndex={-1} className={styles.heading}>
        Training complete
      </h2>
      <p className={styles.detail}>
        You have stepped through all {rules.length} rules. {shown.length} {shown.length === 1 ? 'has' : 'have'} a row
        {onSheet ? ' on the training sheet' : ' on a training sheet'} ({TEMPLATE_NAMES[template]}).
      </p>
      {header.length > 0 ? (
        <>
          <p className={styles.detail}>Cannot be shown on a row, because each is about the workbook rather than a row:</p>
          <ul className={styles.list}>
            {header.map((r) => (
              <li key={r.id}>
                {r.title}: {NOT_ON_A_ROW.get(r.id)}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {acrossFiles.length > 0 ? (
        <p className={styles.detail}>
          Only the command line shows, because {acrossFiles.length === 1 ? 'it compares' : 'they compare'} the files of one run (mam-prep check with several
          files) and MAM Prep here checks one workbook: {acrossFiles.map((r) => r.title).join(', ')}.
        </p>
      ) : null}
      {other.length > 0 ? <p className={styles.detail}>Not on this template: {other.map((r) => r.title).join(', ')}.</p> : null}
      {onBack ? (
        <div className={styles.buttons}>
          <Button size="small" appearance="primary" onClick={onBack} disabled={busy}>
            Check my data sheet
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** What a failed insert left in the workbook: the batch never touches the data sheet. */
function insertFailure(error: unknown): string {
  if (error instanceof GatewayError && error.code === 'edit-mode')
    return 'Excel is editing a cell, so the training sheet was not added. Press Enter or Esc in the cell, then try again.';
  return 'Excel did not add the training sheet. Your data sheet was not changed; try again.';
}

function placeOnSheet(ruleId: RuleId, row: TrainingRow | undefined, found: number): string {
  if (NOT_ON_A_ROW.has(ruleId)) return 'About the header block or the whole file, so not on a row.';
  if (ACROSS_FILES_RULES.includes(ruleId)) return 'Compares the files of one mam-prep check run, so never found here: MAM Prep in Excel checks one workbook.';
  if (!row) return 'Does not apply to this template.';
  return found > 0 ? `Row ${row.row}: MAM Prep finds it.` : `Row ${row.row}: no finding now (fixed?).`;
}

/** Inserts under "MAM Prep training", or "(2)", "(3)"… when the workbook already has that name. */
async function insertUnderFreeName(
  insert: (name: string, grid: ReturnType<typeof buildTrainingSheet>['grid']) => Promise<void>,
  grid: ReturnType<typeof buildTrainingSheet>['grid'],
): Promise<string> {
  const tried: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = trainingSheetName(tried);
    try {
      await insert(name, grid);
      return name;
    } catch (error) {
      // Matched by code (Office's ItemAlreadyExists), never by the host's localized message.
      if (!(error instanceof GatewayError) || error.code !== 'name-taken') throw new Error(insertFailure(error));
      tried.push(name);
    }
  }
  throw new Error('Could not find a free name for the training sheet: delete older training sheets and try again.');
}
