import { useSyncExternalStore } from "react";

const noopSubscribe = () => () => {};

/**
 * False while the server's HTML is on screen and this component's script has not yet hydrated it, then true.
 * A control drawn by the server does nothing when clicked before then: keep it disabled until this is true
 * (a disabled control is seen as such, and a click on it is not silently lost).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}
