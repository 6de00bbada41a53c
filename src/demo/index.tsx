import '../taskpane/csp-safe-zod';
import { createRoot } from 'react-dom/client';
import { DemoApp, type DemoTheme } from './demo-app';
import { isSampleId } from './samples';

/**
 * The demo page's entry: no Office.js, no network. `?sample=dormant-schedule` and `?theme=dark`
 * choose the starting sample and theme (the browser tests use them; the page keeps them in the URL).
 */
const params = new URLSearchParams(window.location.search);
const sample = params.get('sample');
const theme: DemoTheme =
  params.get('theme') === 'dark' ? 'dark' : params.get('theme') === 'light' ? 'light' : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(<DemoApp initialSample={isSampleId(sample) ? sample : 'migration-authorisation'} initialTheme={theme} />);
}
