"use client";

import dynamic from "next/dynamic";

/**
 * The roll-up banner, drawn on the server like the rest of the report page; its code loads only on a 汇总
 * report, the one page that shows it (its refresh button is disabled until then).
 */
export const RollupBanner = dynamic(() => import("./rollup-banner").then((m) => m.RollupBanner));
