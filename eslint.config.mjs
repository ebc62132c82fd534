import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Every time shown is China time: format through lib/labels.ts (formatDateTime, formatTime, …), never
    // with the process's or the browser's time zone.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/labels.ts", "**/*.test.ts", "**/*.test.tsx", "lib/export/pdf/fixtures/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(toLocaleString|toLocaleDateString|toLocaleTimeString|getHours|getMinutes|getSeconds|getDate|getDay|getMonth|getFullYear|getTimezoneOffset)$/]",
          message:
            "Times are shown in China time: use the formatters of lib/labels.ts (formatDateTime, formatTime, chinaDateParts…); for numbers use Intl.NumberFormat.",
        },
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: "Times are shown in China time: use the formatters of lib/labels.ts.",
        },
      ],
    },
  },
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;
