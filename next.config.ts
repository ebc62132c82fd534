import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // the organ import's file goes through a server action (lib/admin/organ-import-columns.ts: at most 4 MB)
  experimental: { serverActions: { bodySizeLimit: "5mb" } },
  serverExternalPackages: ["fontkit", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  // Every other response gets its security headers from proxy.ts (with the per-request CSP nonce).
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
