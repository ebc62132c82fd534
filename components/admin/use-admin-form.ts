"use client";

import { startTransition, useActionState, useCallback, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { INITIAL_FORM_STATE, type AdminFormState } from "./form-state";

/**
 * useActionState for the administration forms, submitted from onSubmit rather than `<form action>`:
 * React resets a form after its action, which would put every <select> back to its first option even
 * when the server answered with an error (the typed input must stay). The form is keyed by state.seq
 * so that the values the server sends back show after each submission.
 */
export function useAdminForm<S extends AdminFormState = AdminFormState>(
  action: (prev: S, form: FormData) => Promise<S>,
  /** a form whose state carries more than AdminFormState gives its own initial state */
  initial: S = INITIAL_FORM_STATE as S,
) {
  // S is a plain object (never a promise): Awaited<S> is S
  const [state, dispatch, pending] = useActionState<S, FormData>(
    action as (prev: Awaited<S>, form: FormData) => Promise<S>,
    initial as Awaited<S>,
  ) as [S, (form: FormData) => void, boolean];
  // Until React has hydrated, a change to a <select> would be undone by hydration and a click would
  // submit natively: forms carry data-hydrated and their buttons stay disabled until then.
  const hydrated = useHydrated();
  const submit = (data: FormData) => {
    if (!pending) startTransition(() => dispatch(data));
  };
  /** Submits the form's data; `ask`, when given, receives the data instead (to confirm first, then `submit`). */
  const onSubmit = (e: React.FormEvent<HTMLFormElement>, ask?: (data: FormData) => void) => {
    e.preventDefault();
    if (pending) return;
    const data = new FormData(e.currentTarget);
    if (ask) ask(data);
    else submit(data);
  };
  // The form is drawn anew after each submission (key={state.seq}, to show the kept values): the focus, lost
  // with the old one, goes to the first field in error, else to the answer — not to the page's start.
  const seq = state.seq;
  const focusAfterSubmit = useCallback(
    (form: HTMLFormElement | null) => {
      if (!form || seq === 0) return;
      const active = document.activeElement;
      if (active && active !== document.body) return; // not lost (a form that is not drawn anew, a click elsewhere)
      (form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>("[data-form-message]"))?.focus();
    },
    [seq],
  );
  const formProps = { onSubmit, ref: focusAfterSubmit, "data-admin-form": "", "data-hydrated": hydrated ? "" : undefined };
  // a form that asks first (停用…): `ask` holds the data while a ConfirmDialog ({...confirmProps}) is open
  const [asking, setAsking] = useState<FormData | null>(null);
  const confirmProps = {
    open: asking !== null,
    onCancel: () => setAsking(null),
    onConfirm: () => {
      if (asking) submit(asking);
      setAsking(null);
    },
  };
  return { state, pending, /** disable the submit button */ busy: pending || !hydrated, onSubmit, submit, formProps, ask: setAsking, confirmProps };
}
