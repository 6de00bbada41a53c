import { tokens } from '@fluentui/react-components';

/**
 * The bordered, stacked box the pane's feature panels share (fix preview, export check, training
 * step), with a visible border in forced-colours mode. Spread it into a `makeStyles` entry.
 */
export const panelBox = {
  display: 'flex',
  flexDirection: 'column',
  rowGap: '8px',
  padding: '8px',
  border: `1px solid ${tokens.colorNeutralStroke1}`,
  borderRadius: tokens.borderRadiusMedium,
  '@media (forced-colors: active)': { border: '1px solid CanvasText' },
} as const;
