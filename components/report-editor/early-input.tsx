/**
 * Typing before the editor is interactive. The server draws the editor's fields; until React has hydrated
 * them (a second or more on a slow office PC, longer after a reload of a long report) a clerk can already
 * type. React resets a textarea to the server's text when it hydrates it, and a controlled input to the
 * store's value on the next render, so those keystrokes would be lost. A small inline script, in the page's
 * HTML before the fields, records the last value typed into each `[data-field]`; the editor takes the record
 * once it is interactive and puts the values into its store. (The grid's cells are uncontrolled and keep
 * their value on their own: table-grid.tsx.)
 *
 * No "use client": the page (a server component) renders the script, the editor imports `takeEarlyInput`.
 */

type EarlyWindow = Window & { __nbEarly?: Record<string, string>; __nbEarlyStop?: () => void };

/** The recorder, run once as the HTML is parsed (a capture listener on the document: no field needs to exist yet). */
export const EARLY_INPUT_SCRIPT =
  "(function(){var w=window;if(w.__nbEarly)return;var m=w.__nbEarly={};" +
  "function rec(e){var t=e.target,k=t&&t.getAttribute&&t.getAttribute('data-field');if(k&&typeof t.value==='string')m[k]=t.value}" +
  "document.addEventListener('input',rec,true);" +
  "w.__nbEarlyStop=function(){document.removeEventListener('input',rec,true)}})()";

/** The inline script (with the request's CSP nonce); render it before the editor. */
export function EarlyInputRecorder({ nonce }: { nonce: string | undefined }) {
  // the browser hides a script's nonce from the DOM once parsed: no hydration warning for it
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: EARLY_INPUT_SCRIPT }} />;
}

/** What was typed before the editor was interactive, by `data-field`; stops the recorder. Empty the second time. */
export function takeEarlyInput(): Record<string, string> {
  if (typeof window === "undefined") return {};
  const w = window as EarlyWindow;
  const early = w.__nbEarly ?? {};
  w.__nbEarlyStop?.();
  w.__nbEarly = {};
  w.__nbEarlyStop = undefined;
  return early;
}
