import { DEFAULT_PROFILES } from '../../src/engine/profile';
import { applyProfileOverride, parseProfileOverride, ProfileOverrideError, ProfileSchema } from '../../src/engine/profile-schema';
import { validateWorkbook } from '../../src/engine/validate';
import { buildWorkbook, TODAY, validMaRow } from '../support/sheet-builder';
import { RULES } from '../../src/rules';

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProfileOverrideError) return e.problems;
    throw e;
  }
  throw new Error('expected a ProfileOverrideError');
};

describe('built-in profiles', () => {
  // They are not parsed at run time (that would load zod into every CLI start): this is their check.
  it.each(DEFAULT_PROFILES.map((p) => [p.id, p] as const))('%s satisfies the profile schema unchanged', (_id, profile) => {
    expect(ProfileSchema.parse(profile)).toEqual(profile);
  });

  it('a profile the schema refuses is caught by that check', () => {
    const broken = { ...DEFAULT_PROFILES[0]!, partyOctets: [9] };
    expect(() => ProfileSchema.parse(broken)).toThrow();
  });
});

describe('profile overrides', () => {
  it('merges over the defaults', () => {
    const profiles = applyProfileOverride({
      'migration-authorisation': { exemptGroupIds: ['EA'], partyOctets: [7, 8], fields: { chfId: { headers: ['Hub'] } } },
    });
    const ma = profiles.find((p) => p.id === 'migration-authorisation')!;
    expect(ma.exemptGroupIds).toEqual(['EA']);
    expect(ma.partyOctets).toEqual([7, 8]);
    expect(ma.fields.find((f) => f.id === 'chfId')!.headers).toEqual(['Hub']);
    expect(ma.fields.find((f) => f.id === 'mpan')).toEqual(DEFAULT_PROFILES[0]!.fields.find((f) => f.id === 'mpan'));
    expect(profiles[1]).toEqual(DEFAULT_PROFILES[1]);
  });
  it('changes what the engine decides', () => {
    const profiles = applyProfileOverride({ 'migration-authorisation': { exemptGroupIds: [] } });
    const wb = buildWorkbook([{ ...validMaRow(1), groupId: 'EA' }]);
    expect(validateWorkbook(wb, { rules: RULES, today: TODAY }).findings.map((f) => f.ruleId)).toEqual(['group-id-exempt']);
    expect(validateWorkbook(wb, { rules: RULES, today: TODAY, profiles }).findings).toEqual([]);
  });
  it('names an unknown key', () => {
    expect(problemsOf(() => applyProfileOverride({ 'migration-authorisation': { exemptGroupId: ['EA'] } }))).toEqual([
      'unknown key "migration-authorisation.exemptGroupId"',
    ]);
  });
  it('names a wrong type', () => {
    const problems = problemsOf(() => applyProfileOverride({ 'dormant-schedule': { partyOctets: 'six' } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^"dormant-schedule\.partyOctets": /);
  });
  it('names an unknown profile and an unknown field', () => {
    expect(problemsOf(() => applyProfileOverride({ 'migration-auth': {}, 'migration-authorisation': { fields: { chf: { headers: ['x'] } } } }))).toEqual([
      'unknown profile id "migration-auth" (known: migration-authorisation, dormant-schedule)',
      expect.stringMatching(/^unknown field "migration-authorisation\.fields\.chf"/),
    ]);
  });
  it('reports JSON syntax errors', () => {
    expect(problemsOf(() => parseProfileOverride('{ "a": '))[0]).toMatch(/^not valid JSON/);
  });
});
