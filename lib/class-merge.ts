/**
 * Later Tailwind classes win over conflicting earlier ones: `mergeClasses("h-9 px-3", "h-8")` → "px-3 h-8".
 *
 * The same rule as tailwind-merge (conflicts per variant, side utilities under their shorthand, unknown
 * classes kept), for the utilities this app uses — without tailwind-merge's full Tailwind table (~7 KB gzip
 * on every page). `lib/class-merge.test.ts` compares the two on every pair of the classes in the app's
 * source, so a class this table does not know yet fails there, not on a page.
 */

// as in tailwind-merge, any other value of a colour utility is a colour (a theme's own names)
const COLORS = ".+";
const NUM = "(?:\\d+(?:\\.\\d+)?|px)";
const ARB = "\\[[^\\]]+\\]";
const SIZE = `(?:${NUM}|\\d+/\\d+|auto|full|screen|fit|min|max|none|xs|sm|md|lg|xl|[2-7]xl|${ARB})`;

/** [pattern of the utility (variants and "!" removed, a leading "-" dropped), its group]; first match wins */
const RULES: [RegExp, string][] = (
  [
    ["(?:block|inline-block|inline|flex|inline-flex|table|inline-table|table-cell|table-row|flow-root|grid|inline-grid|contents|list-item|hidden)", "display"],
    ["(?:not-)?sr-only", "sr"],
    ["(?:static|fixed|absolute|relative|sticky)", "position"],
    ["(?:visible|invisible|collapse)", "visibility"],
    [`inset-x-${SIZE}`, "inset-x"],
    [`inset-y-${SIZE}`, "inset-y"],
    [`inset-${SIZE}`, "inset"],
    ...["top", "right", "bottom", "left", "start", "end"].map((s) => [`${s}-${SIZE}`, s] as [string, string]),
    [`z-(?:\\d+|auto|${ARB})`, "z"],
    ["flex-(?:row|row-reverse|col|col-reverse)", "flex-direction"],
    ["flex-(?:wrap|wrap-reverse|nowrap)", "flex-wrap"],
    [`flex-(?:\\d+|auto|initial|none|${ARB})`, "flex"],
    [`grow(?:-\\d+)?`, "grow"],
    [`shrink(?:-\\d+)?`, "shrink"],
    [`grid-cols-(?:\\d+|none|subgrid|${ARB})`, "grid-cols"],
    [`col-(?:span-(?:\\d+|full)|auto)`, "col-start-end"],
    [`gap-x-${SIZE}`, "gap-x"],
    [`gap-y-${SIZE}`, "gap-y"],
    [`gap-${SIZE}`, "gap"],
    ["justify-(?:start|end|center|between|around|evenly|stretch|baseline|normal)", "justify-content"],
    ["items-(?:start|end|center|baseline|stretch)", "align-items"],
    ["self-(?:auto|start|end|center|stretch|baseline)", "align-self"],
    ...["p", "px", "py", "ps", "pe", "pt", "pr", "pb", "pl", "m", "mx", "my", "ms", "me", "mt", "mr", "mb", "ml"].map(
      (s) => [`${s}-${SIZE}`, s] as [string, string],
    ),
    [`space-x-${SIZE}`, "space-x"],
    [`space-y-${SIZE}`, "space-y"],
    [`size-${SIZE}`, "size"],
    [`min-w-${SIZE}`, "min-w"],
    [`min-h-${SIZE}`, "min-h"],
    [`max-w-${SIZE}`, "max-w"],
    [`max-h-${SIZE}`, "max-h"],
    [`w-${SIZE}`, "w"],
    [`h-${SIZE}`, "h"],
    ["(?:truncate|text-ellipsis|text-clip)", "text-overflow"],
    ["text-(?:left|center|right|justify|start|end)", "text-alignment"],
    [`text-(?:xs|sm|base|lg|xl|[2-9]xl|\\[\\d+(?:\\.\\d+)?(?:px|rem|em)\\])`, "font-size"],
    ["text-(?:wrap|nowrap|balance|pretty)", "text-wrap"],
    [`text-${COLORS}`, "text-color"],
    ["whitespace-(?:normal|nowrap|pre|pre-line|pre-wrap|break-spaces)", "whitespace"],
    ["break-(?:normal|words|all|keep)", "break"],
    ["font-(?:thin|extralight|light|normal|medium|semibold|bold|extrabold|black)", "font-weight"],
    ["font-(?:sans|serif|mono)", "font-family"],
    ["(?:italic|not-italic)", "font-style"],
    ["(?:tabular-nums|proportional-nums)", "fvn-spacing"],
    [`leading-(?:none|tight|snug|normal|relaxed|loose|${NUM}|${ARB})`, "leading"],
    [`tracking-(?:tighter|tight|normal|wide|wider|widest|${ARB})`, "tracking"],
    ["(?:underline|overline|line-through|no-underline)", "text-decoration"],
    ["underline-offset-(?:auto|\\d+)", "underline-offset"],
    ["decoration-(?:solid|double|dotted|dashed|wavy)", "text-decoration-style"],
    [`decoration-${COLORS}`, "text-decoration-color"],
    [`indent-${SIZE}`, "indent"],
    ["align-(?:baseline|top|middle|bottom|text-top|text-bottom|sub|super)", "vertical-align"],
    ["list-(?:disc|decimal|none)", "list-style-type"],
    ["list-(?:inside|outside)", "list-style-position"],
    [`bg-${COLORS}`, "bg-color"],
    ["border-(?:collapse|separate)", "border-collapse"],
    [`border-spacing-${SIZE}`, "border-spacing"],
    ["border-(?:solid|dashed|dotted|double|hidden|none)", "border-style"],
    [`border(?:-(?:\\d+|\\[\\d+px\\]))?`, "border-w"],
    ...["x", "y", "s", "e", "t", "r", "b", "l"].flatMap(
      (s) =>
        [
          [`border-${s}(?:-(?:\\d+|\\[\\d+px\\]))?`, `border-w-${s}`],
          [`border-${s}-${COLORS}`, `border-color-${s}`],
        ] as [string, string][],
    ),
    [`border-${COLORS}`, "border-color"],
    ["divide-(?:solid|dashed|dotted|double|none)", "divide-style"],
    ["divide-y(?:-\\d+)?", "divide-y"],
    [`divide-${COLORS}`, "divide-color"],
    ["rounded(?:-(?:none|xs|sm|md|lg|xl|[2-4]xl|full))?", "rounded"],
    ...["t", "r", "b", "l"].map((s) => [`rounded-${s}(?:-(?:none|xs|sm|md|lg|xl|[2-4]xl|full))?`, `rounded-${s}`] as [string, string]),
    [`shadow(?:-(?:2xs|xs|sm|md|lg|xl|2xl|none|inner|\\[(?:inset_)?-?\\d[^\\]]*\\]))?`, "shadow"],
    ["ring-inset", "ring-w-inset"],
    [`ring(?:-\\d+)?`, "ring-w"],
    ["ring-offset-\\d+", "ring-offset-w"],
    [`ring-${COLORS}`, "ring-color"],
    ["outline-(?:solid|dashed|dotted|double|none|hidden)", "outline-style"],
    ["outline(?:-\\d+)?", "outline-w"],
    ["outline-offset-\\d+", "outline-offset"],
    [`outline-${COLORS}`, "outline-color"],
    ["opacity-\\d+", "opacity"],
    ["mix-blend-(?:normal|multiply|screen|overlay|darken|lighten)", "mix-blend"],
    ["backdrop-blur(?:-(?:none|xs|sm|md|lg|xl|2xl|3xl))?", "backdrop-blur"],
    ["cursor-(?:auto|default|pointer|wait|text|move|help|not-allowed|none|progress)", "cursor"],
    ["pointer-events-(?:auto|none)", "pointer-events"],
    ["select-(?:none|text|all|auto)", "select"],
    ["animate-(?:none|spin|ping|pulse|bounce)", "animate"],
    [`transition(?:-(?:all|colors|opacity|shadow|transform|none|${ARB}))?`, "transition"],
    ["(?:duration|delay)-\\d+", "$DUR"],
    [`translate-x-${SIZE}`, "translate-x"],
    [`translate-y-${SIZE}`, "translate-y"],
    ["table-(?:auto|fixed)", "table-layout"],
    ["overflow-(?:auto|hidden|clip|visible|scroll)", "overflow"],
    ["overflow-x-(?:auto|hidden|clip|visible|scroll)", "overflow-x"],
    ["overflow-y-(?:auto|hidden|clip|visible|scroll)", "overflow-y"],
    ["overscroll-(?:auto|contain|none)", "overscroll"],
    ["overscroll-x-(?:auto|contain|none)", "overscroll-x"],
    ["overscroll-y-(?:auto|contain|none)", "overscroll-y"],
    [`accent-${COLORS}`, "accent"],
    ["field-sizing-(?:fixed|content)", "field-sizing"],
  ] as [string, string][]
).map(([pattern, group]) => [new RegExp(`^${pattern}$`), group]);

const SIDES = (p: string, sides: string[]) => sides.map((s) => p + s);
/** a group and the groups it overrides (a shorthand and its sides) */
const CONFLICTS: Record<string, string[]> = {
  inset: ["inset-x", "inset-y", "start", "end", "top", "right", "bottom", "left"],
  "inset-x": ["start", "end", "right", "left"],
  "inset-y": ["top", "bottom"],
  flex: ["grow", "shrink"],
  gap: ["gap-x", "gap-y"],
  p: ["px", "py", "ps", "pe", "pt", "pr", "pb", "pl"],
  px: ["ps", "pe", "pr", "pl"],
  py: ["pt", "pb"],
  m: ["mx", "my", "ms", "me", "mt", "mr", "mb", "ml"],
  mx: ["ms", "me", "mr", "ml"],
  my: ["mt", "mb"],
  size: ["w", "h"],
  "font-size": ["leading"],
  "border-w": SIDES("border-w-", ["x", "y", "s", "e", "t", "r", "b", "l"]),
  "border-w-x": ["border-w-s", "border-w-e", "border-w-r", "border-w-l"],
  "border-w-y": ["border-w-t", "border-w-b"],
  "border-color": SIDES("border-color-", ["x", "y", "s", "e", "t", "r", "b", "l"]),
  "border-color-x": ["border-color-s", "border-color-e", "border-color-r", "border-color-l"],
  "border-color-y": ["border-color-t", "border-color-b"],
  rounded: SIDES("rounded-", ["t", "r", "b", "l"]),
  overflow: ["overflow-x", "overflow-y"],
  overscroll: ["overscroll-x", "overscroll-y"],
};

/** variants after which the order of variants matters (tailwind-merge's order-sensitive modifiers) */
const ORDERED = new Set(["*", "**", "after", "backdrop", "before", "file", "first-letter", "first-line", "marker", "placeholder", "selection"]);

const known = new Map<string, string | undefined>();

function groupOf(utility: string): string | undefined {
  if (known.has(utility)) return known.get(utility);
  const group = findGroup(utility);
  known.set(utility, group);
  return group;
}

function findGroup(utility: string): string | undefined {
  if (utility.startsWith("[") && utility.endsWith("]")) {
    const colon = utility.indexOf(":");
    return colon > 1 ? `[${utility.slice(1, colon)}]` : undefined;
  }
  const u = utility.startsWith("-") && utility.length > 1 ? utility.slice(1) : utility;
  for (const [re, group] of RULES) {
    if (!re.test(u)) continue;
    return group === "$DUR" ? u.slice(0, u.indexOf("-")) : group;
  }
  return undefined;
}

/** "hover:focus:!bg-red-50" → ["focus:hover!", "bg-red-50"] (variants sorted, as tailwind-merge keys them) */
function split(cls: string): [string, string] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i];
    if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    else if (c === ":" && depth === 0) {
      parts.push(cls.slice(start, i));
      start = i + 1;
    }
  }
  let base = cls.slice(start);
  let important = false;
  if (base.endsWith("!")) {
    base = base.slice(0, -1);
    important = true;
  } else if (base.startsWith("!")) {
    base = base.slice(1);
    important = true;
  }
  const sorted: string[] = [];
  let run: string[] = [];
  for (const m of parts) {
    if (m.startsWith("[") || ORDERED.has(m)) {
      sorted.push(...run.sort(), m);
      run = [];
    } else run.push(m);
  }
  sorted.push(...run.sort());
  return [sorted.join(":") + (important ? "!" : ""), base];
}

export function mergeClasses(classList: string): string {
  const classes = classList.trim().split(/\s+/);
  const taken = new Set<string>();
  const kept: string[] = [];
  for (let i = classes.length - 1; i >= 0; i--) {
    const cls = classes[i]!;
    if (!cls) continue;
    const [variant, base] = split(cls);
    const group = groupOf(base);
    if (group) {
      const key = variant + group;
      if (taken.has(key)) continue;
      taken.add(key);
      for (const g of CONFLICTS[group] ?? []) taken.add(variant + g);
    }
    kept.push(cls);
  }
  return kept.reverse().join(" ");
}
