// bench:register — a register (台账) of ≥ 10,000 applications: table 三 computed from it (20× median and p95, goal
// p95 ≤ 50 ms) and the due dates of all open entries on the real holiday calendar. Pure domain (lib/register),
// as the page and the report sync run it after reading the rows. BENCH_SMOKE=1: 200 applications, 3 runs.
import { performance } from "node:perf_hooks";
import {
  APPLICANT_TYPES,
  RESULT_ROWS,
  addDays,
  buildCalendar,
  computeDeadline,
  table3FromRegister,
  type ClockSteps,
  type RegisterEntry,
} from "@/lib/register";

const SMOKE = process.env.BENCH_SMOKE === "1";
const N = SMOKE ? 200 : 10_000;
const RUNS = SMOKE ? 3 : 20;
const YEAR = 2025;

let seed = 42;
const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

type Item = RegisterEntry & { receivedAt: string; steps: ClockSteps };
const items: Item[] = [];
for (let i = 0; i < N; i++) {
  const receivedAt = addDays(`${YEAR}-01-01`, Math.floor(rnd() * 365));
  const open = rnd() < 0.15;
  const steps: ClockSteps = {};
  const r = rnd();
  if (r < 0.05) Object.assign(steps, { correctionNoticeAt: addDays(receivedAt, 3), correctionReceivedAt: addDays(receivedAt, 10) });
  else if (r < 0.1) steps.consultations = [{ from: addDays(receivedAt, 5), to: addDays(receivedAt, 20) }];
  else if (r < 0.13) Object.assign(steps, { extensionApprovedAt: addDays(receivedAt, 18), extensionDays: 20 });
  items.push({
    id: `a${i}`,
    applicantType: pick(APPLICANT_TYPES).id,
    carried: rnd() < 0.05,
    result: open ? null : pick(RESULT_ROWS).id,
    receivedAt,
    steps,
  });
}

const quantile = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const round = (x: number) => Math.round(x * 100) / 100;

table3FromRegister(items); // warm-up
const times: number[] = [];
let check = 0;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const cells = table3FromRegister(items);
  times.push(performance.now() - t);
  check += Number(cells["t3.new.natural"]);
}
times.sort((a, b) => a - b);

const cal = buildCalendar();
const open = items.filter((x) => !x.result);
const t0 = performance.now();
let dated = 0;
for (const x of open) if (computeDeadline(cal, { receivedAt: x.receivedAt, steps: x.steps }).due) dated++;
const deadlinesMs = round(performance.now() - t0);

console.log(`register of ${N} applications (${open.length} open), table 三 ×${RUNS}: median ${round(quantile(times, 0.5))} ms, p95 ${round(quantile(times, 0.95))} ms`);
console.log(`due dates of ${open.length} open applications (${dated} running): ${deadlinesMs} ms (cold calendar cache); check ${check}`);
console.log(
  JSON.stringify({
    applications: N,
    open: open.length,
    table3_median_ms: round(quantile(times, 0.5)),
    table3_p95_ms: round(quantile(times, 0.95)),
    deadlines_ms: deadlinesMs,
  }),
);
