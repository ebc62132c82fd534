"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { Input } from "@/components/ui/input";

type Option = { id: string; name: string; parentName: string | null };
type Found = { q: string; options: Option[]; more: boolean } | { q: string; error: string };

/** Pause in typing before the search goes to the server. */
const SEARCH_DELAY_MS = 200;

/**
 * 所属机关 where a select would list thousands of organs (a province): a combobox (ARIA 1.2, list
 * autocomplete) that searches the admin's organs by part of a name on the server
 * (/admin/organs/options) and submits the chosen organ's id as `name`. The text typed and the chosen
 * organ's name go with the form as `${name}Query` and `${name}Name`, so that the server can send them back
 * with an error and the box shows what the admin had.
 */
export function OrganPicker({
  id,
  name,
  initial,
  query,
  invalid,
  describedBy,
}: {
  id: string;
  name: string;
  /** the organ chosen so far (editing an account), or null */
  initial: { id: string; name: string } | null;
  /** the text typed before a failed submission */
  query?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [chosen, setChosen] = useState<Option | null>(initial ? { ...initial, parentName: null } : null);
  const [text, setText] = useState(query ?? initial?.name ?? "");
  const [found, setFound] = useState<Found | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const statusId = useId();
  const abort = useRef<AbortController | null>(null);

  // search as the admin types (not for the name of the organ just chosen)
  useEffect(() => {
    const q = text.trim();
    if (!q || (chosen && chosen.name === text)) return;
    const timer = setTimeout(() => {
      abort.current?.abort();
      const ctl = (abort.current = new AbortController());
      fetch(`/admin/organs/options?q=${encodeURIComponent(q)}`, { signal: ctl.signal, cache: "no-store" })
        .then(async (res) => {
          const body = (await res.json().catch(() => ({}))) as { options?: Option[]; more?: boolean; message?: string };
          setFound(res.ok && body.options ? { q, options: body.options, more: !!body.more } : { q, error: body.message ?? "查找失败，请重试。" });
          setActive(-1);
        })
        .catch((e: unknown) => {
          if ((e as { name?: string }).name !== "AbortError") setFound({ q, error: "网络连接失败，请重试。" });
        });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, chosen]);
  useEffect(() => () => abort.current?.abort(), []);

  const options = found && "options" in found && found.q === text.trim() ? found.options : [];
  const expanded = open && options.length > 0;
  const choose = (o: Option) => {
    setChosen(o);
    setText(o.name);
    setOpen(false);
    setActive(-1);
  };
  const status = !text.trim()
    ? ""
    : chosen && chosen.name === text
      ? `已选定：${chosen.name}`
      : !found || found.q !== text.trim()
        ? "正在查找…"
        : "error" in found
          ? found.error
          : found.options.length === 0
            ? `没有名称含“${found.q}”的机关`
            : `找到 ${found.options.length} 个${found.more ? "（只列出前几个，请输入更多字）" : ""}，用 ↑ ↓ 选择、回车选定`;

  return (
    <div className="relative">
      <input type="hidden" name={name} value={chosen && chosen.name === text ? chosen.id : ""} />
      <input type="hidden" name={`${name}Name`} value={chosen && chosen.name === text ? chosen.name : ""} />
      <Input
        id={id}
        name={`${name}Query`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(" ")}
        autoComplete="off"
        placeholder="输入机关名称查找，再从列表中选择"
        value={text}
        maxLength={50}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          // typed a name exactly: that organ
          const exact = options.find((o) => o.name === text.trim());
          if (exact && !(chosen && chosen.name === text)) choose(exact);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
            if (options.length === 0) return;
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((a) => (a + step + options.length) % options.length);
          } else if (e.key === "Enter" && expanded) {
            // choosing from the open list, not submitting the form
            e.preventDefault();
            const o = options[active >= 0 ? active : 0];
            if (o) choose(o);
          } else if (e.key === "Escape" && expanded) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="机关"
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {options.map((o, i) => (
          <li
            key={o.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // keep the focus in the box: the click chooses
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
            className={cn("cursor-pointer px-3 py-1.5", i === active ? "bg-blue-50 text-blue-900" : "hover:bg-slate-50")}
          >
            {o.name}
            {o.parentName ? (
              <span className="ml-2 text-xs text-slate-500">
                <span className="sr-only">，上级机关：</span>
                {o.parentName}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p id={statusId} role="status" className="mt-1 min-h-4 text-xs text-slate-500" data-testid="organ-picker-status">
        {status}
      </p>
    </div>
  );
}
