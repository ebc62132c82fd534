"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { createAuthClient } from "better-auth/react";
import { usernameClient } from "better-auth/client/plugins";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import { landingPath } from "@/lib/server/permissions";

type AuthClient = ReturnType<typeof makeClient>;
function makeClient() {
  // No baseURL: the browser's own origin (+ /api/auth), so any host/port works.
  return createAuthClient({ plugins: [usernameClient()] });
}
let client: AuthClient | undefined;

type FieldErrors = { username?: string; password?: string };

/** Chinese message for a Better Auth error (status + code). */
export function loginErrorMessage(err: { status?: number; code?: string; message?: string } | null | undefined): string {
  const status = err?.status ?? 0;
  const code = err?.code ?? "";
  if (code === "ACCOUNT_DISABLED") return "账号已停用，请联系管理员";
  if (code === "ACCOUNT_LOCKED" || code === "ADDRESS_LOCKED")
    return err?.message || "登录失败次数过多，已临时锁定，请稍后再试或联系管理员解除锁定";
  if (status === 401 || status === 422 || code === "INVALID_USERNAME_OR_PASSWORD") return "用户名或密码错误";
  if (status === 429) return "登录尝试过于频繁，请稍等一分钟后再试";
  if (status === 0) return "无法连接服务器，请检查网络后重试";
  return "登录失败：服务器出错，请稍后重试";
}

/** `redirectTo`: where to go after signing in; by default the user's start page (supervisors: the dashboard). */
export function LoginForm({ redirectTo }: { redirectTo?: string }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until React has hydrated, a click would submit the form natively: keep the button disabled.
  const hydrated = useHydrated();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const missing: FieldErrors = {};
    if (!username) missing.username = "请输入用户名";
    if (!password) missing.password = "请输入密码";
    setFieldErrors(missing);
    if (missing.username || missing.password) {
      setError(null);
      (missing.username ? usernameRef : passwordRef).current?.focus();
      return;
    }

    setPending(true);
    setError(null);
    try {
      client ??= makeClient();
      const { data, error: authError } = await client.signIn.username({ username, password });
      if (authError) {
        setError(loginErrorMessage(authError));
        passwordRef.current?.select();
        setPending(false);
        return;
      }
      router.replace(redirectTo ?? landingPath(data?.user as { role?: string } | undefined));
      router.refresh();
    } catch {
      setError(loginErrorMessage({ status: 0 }));
      setPending(false);
    }
  }

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-busy={pending}
      data-hydrated={hydrated ? "" : undefined}
    >
      <div className="space-y-1.5">
        <label htmlFor="login-username" className="block text-sm font-medium text-slate-700">
          用户名
        </label>
        <Input
          ref={usernameRef}
          id="login-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          aria-invalid={fieldErrors.username ? true : undefined}
          aria-describedby={fieldErrors.username ? "login-username-error" : undefined}
          onChange={() => fieldErrors.username && setFieldErrors((f) => ({ ...f, username: undefined }))}
        />
        {fieldErrors.username ? (
          <p id="login-username-error" className="text-sm text-red-600">
            {fieldErrors.username}
          </p>
        ) : null}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="login-password" className="block text-sm font-medium text-slate-700">
          密码
        </label>
        <Input
          ref={passwordRef}
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? "login-password-error" : undefined}
          onChange={() => fieldErrors.password && setFieldErrors((f) => ({ ...f, password: undefined }))}
        />
        {fieldErrors.password ? (
          <p id="login-password-error" className="text-sm text-red-600">
            {fieldErrors.password}
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" data-testid="login-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
