/** The engine's public surface for the CLI, the pane and the demo. */
export * from './cell';
export * from './address';
export * from './snapshot';
export * from './finding';
export * from './profile';
export * from './profile-schema';
export * from './result';
export * from './rule';
export { planFixes, cellForEdit } from './fix-planner';
export type { Edit, FixSelection } from './fix-planner';
export { validateWorkbook, ValidationSession } from './validate';
export { exportFileName } from './export-name';
export { detectTemplate } from './detect';
export { planFixesToFixpoint } from './fix-planner';
export { planWorkbookFixes } from './plan-workbook-fixes';
export { applyEditsToSnapshot, cellStillHolds } from './apply-edits';
