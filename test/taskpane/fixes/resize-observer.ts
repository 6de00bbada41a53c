/** jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one. Import before rendering. */
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
} as unknown as typeof ResizeObserver;

export {};
