import { useId, useState, useSyncExternalStore, type ChangeEvent, type JSX } from 'react';
import { Button, Field, Input, Switch, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { UndoSupport } from '../../excel/gateway';
import { highlightUndoNote } from './highlight-undo-note';
import type { ValidationResult } from '../../engine/result';
import { SCOPE_NOTES, SETTING_SCOPES, type SettingName, type SettingOutcome, type SettingsModel } from './settings-model';
import type { RuleId } from '../../rules';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: '16px', maxWidth: '100%' },
  group: { display: 'flex', flexDirection: 'column', rowGap: '6px', margin: 0, padding: 0, border: 'none', minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: '4px' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: '8px', rowGap: '4px' },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, '@media (forced-colors: active)': { color: 'CanvasText' } },
  json: { fontFamily: tokens.fontFamilyMonospace },
  fileInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden' },
});

export interface SettingsPanelProps {
  readonly settings: SettingsModel;
  /** Re-check the workbook after a setting that changes validation was saved. */
  readonly onValidationSettingsChanged: () => Promise<void> | void;
  /** Turns MAM Prep's highlights on or off in the workbook now. */
  readonly onHighlightsChanged: (on: boolean) => Promise<void> | void;
  /** The latest result, to say when the workbook's own User ID is used instead of the setting. */
  readonly result: ValidationResult<RuleId> | null;
  /** What Excel's undo does with MAM Prep's writes here, to explain the highlights switch. */
  readonly undo?: UndoSupport;
}

type Feedback = { readonly kind: 'saved'; readonly text: string } | { readonly kind: 'invalid'; readonly problems: readonly string[] } | null;

function problemsMessage(feedback: Feedback, stored: readonly string[] | undefined): JSX.Element | undefined {
  const problems = feedback?.kind === 'invalid' ? feedback.problems : stored;
  if (!problems || problems.length === 0) return undefined;
  if (problems.length === 1) return <>{problems[0]}</>;
  return (
    <ul style={{ margin: 0, paddingLeft: '18px' }}>
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

/** FileReader rather than Blob.text(): older Office WebViews lack the latter. */
function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

/**
 * Settings: submitting User ID, exempt GroupIDs, profile override (typed or loaded from a file), and
 * highlights. Each says where it is stored. Invalid input is refused with the problems listed under
 * the field (announced), and the stored value stays as it was.
 */
export function SettingsPanel({ settings, onValidationSettingsChanged, onHighlightsChanged, result, undo }: SettingsPanelProps): JSX.Element {
  const styles = useStyles();
  const state = useSyncExternalStore(settings.subscribe, settings.getState, settings.getState);
  const [userIdText, setUserIdText] = useState(state.userId ?? '');
  const [exemptText, setExemptText] = useState(state.exemptGroupIds?.join(', ') ?? '');
  const [overrideText, setOverrideText] = useState(state.profileOverrideText ?? '');
  const [feedback, setFeedback] = useState<Partial<Record<SettingName, Feedback>>>({});
  const [status, setStatus] = useState('');
  const fileInputId = useId();

  const save = async (name: SettingName, run: () => Promise<SettingOutcome>, savedText: string): Promise<void> => {
    const outcome = await run();
    if (!outcome.ok) {
      setFeedback((f) => ({ ...f, [name]: { kind: 'invalid', problems: outcome.problems } }));
      setStatus('');
      return;
    }
    setFeedback((f) => ({ ...f, [name]: { kind: 'saved', text: savedText } }));
    setStatus(`${savedText} Re-checking the workbook with it.`);
    await onValidationSettingsChanged();
  };

  const loadFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await readFileText(file);
    } catch {
      setFeedback((f) => ({ ...f, profileOverride: { kind: 'invalid', problems: [`${file.name} could not be read.`] } }));
      return;
    }
    setOverrideText(text);
    await save('profileOverride', () => settings.setProfileOverride(text), `Profile override loaded from ${file.name}.`);
  };

  const fieldProps = (name: SettingName) => {
    const f = feedback[name];
    const message = problemsMessage(f ?? null, state.storedProblems[name]);
    return message
      ? { validationState: 'error' as const, validationMessage: message }
      : f?.kind === 'saved'
        ? { validationState: 'success' as const, validationMessage: f.text }
        : {};
  };

  const workbookUserId = result?.userIdSource === 'workbook' ? result.userId : null;

  return (
    <div className={styles.panel}>
      {state.storageNotice ? (
        <p className={styles.note} role="note">
          {state.storageNotice}
        </p>
      ) : null}
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Submitting User ID</legend>
        <Field label="User ID used when the workbook states none" hint={SCOPE_NOTES[SETTING_SCOPES.userId]} {...fieldProps('userId')}>
          <Input value={userIdText} onChange={(_e, d) => setUserIdText(d.value)} placeholder="70-B3-D5-1F-30-00-A0-08" spellCheck={false} />
        </Field>
        {workbookUserId ? <p className={styles.note}>This workbook states its own User ID ({workbookUserId}), which is used instead.</p> : null}
        <div className={styles.row}>
          <Button
            size="small"
            onClick={() => void save('userId', () => settings.setUserId(userIdText), userIdText.trim() ? 'User ID saved.' : 'User ID cleared.')}
          >
            Save User ID
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Exempt GroupIDs</legend>
        <Field
          label="GroupIDs exempt from the coordinating-supplier rules (blank: the profile's)"
          hint={SCOPE_NOTES[SETTING_SCOPES.exemptGroupIds]}
          {...fieldProps('exemptGroupIds')}
        >
          <Input value={exemptText} onChange={(_e, d) => setExemptText(d.value)} placeholder="EA, EB, EC" spellCheck={false} />
        </Field>
        <div className={styles.row}>
          <Button
            size="small"
            onClick={() =>
              void save(
                'exemptGroupIds',
                () => settings.setExemptGroupIds(exemptText),
                exemptText.trim() ? 'Exempt GroupIDs saved.' : "Exempt GroupIDs reset to the profile's.",
              )
            }
          >
            Save GroupIDs
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Profile override</legend>
        <Field
          label="Profile override JSON (blank: the default profiles)"
          hint={SCOPE_NOTES[SETTING_SCOPES.profileOverride]}
          {...fieldProps('profileOverride')}
        >
          <Textarea className={styles.json} value={overrideText} onChange={(_e, d) => setOverrideText(d.value)} resize="vertical" rows={5} spellCheck={false} />
        </Field>
        <div className={styles.row}>
          <Button
            size="small"
            onClick={() =>
              void save(
                'profileOverride',
                () => settings.setProfileOverride(overrideText),
                overrideText.trim() ? 'Profile override saved.' : 'Profile override removed.',
              )
            }
          >
            Save override
          </Button>
          <Button size="small" onClick={() => document.getElementById(fileInputId)?.click()}>
            Load JSON file…
          </Button>
          <input
            id={fileInputId}
            className={styles.fileInput}
            type="file"
            accept=".json,application/json"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => void loadFile(e)}
          />
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Highlights</legend>
        <Switch
          checked={state.highlights}
          label="Highlight problem cells in the workbook"
          onChange={(_e, d) => {
            void settings.setHighlights(d.checked).then(() => onHighlightsChanged(d.checked));
            setStatus(d.checked ? 'Highlights on.' : 'Highlights off.');
          }}
        />
        <p className={styles.note}>
          {SCOPE_NOTES[SETTING_SCOPES.highlights]} Highlights are conditional formats; the export check removes them before you send the file.
        </p>
        {undo ? <p className={styles.note}>{highlightUndoNote(undo)}</p> : null}
      </fieldset>

      <div role="status" aria-live="polite" className={styles.note}>
        {status}
      </div>
    </div>
  );
}
