import Link from "next/link";

/** The box of a page that is not there (or not for this user): a heading, why, and where to go instead. */
export function NotFoundPanel({
  title,
  message,
  links,
  linkClass = "text-blue-700 hover:underline",
}: {
  title: string;
  message: string;
  links: { href: string; label: string }[];
  linkClass?: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-500">{message}</p>
      <p className="mt-4 flex flex-wrap justify-center gap-x-6 gap-y-2 text-sm">
        {links.map((l) => (
          <Link key={l.href} href={l.href} className={linkClass}>
            {l.label}
          </Link>
        ))}
      </p>
    </div>
  );
}
