type Listener = () => void;

/** One value outside React that components read with useSyncExternalStore. */
export class ExternalStore<T> {
  private listeners = new Set<Listener>();

  constructor(private value: T) {}

  /** The current value (a stable object until it changes). */
  readonly get = (): T => this.value;

  /** Merges a change and tells subscribers, when anything changed. */
  update(change: Partial<T>): void {
    const current = this.value as Record<string, unknown>;
    if (!Object.entries(change).some(([key, value]) => !Object.is(current[key], value))) return;
    this.value = { ...this.value, ...change };
    this.listeners.forEach((listener) => listener());
  }

  /** Calls a listener on every change; returns the unsubscribe function. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
