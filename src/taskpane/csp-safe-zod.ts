import { z } from 'zod';

/**
 * The pane's Content-Security-Policy forbids eval, and zod 4 probes `new Function` to compile fast
 * parsers, which logs a CSP violation. Jitless mode skips the probe. This module is imported first by
 * the entry so it runs before any schema (profile overrides, the fix journal) is built or used.
 */
z.config({ jitless: true });
