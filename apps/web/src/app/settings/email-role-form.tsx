"use client";

import type { CSSProperties, FormEvent } from "react";

export type TeamRole = "owner" | "member";

/** An email address and a team role: what adding a member and inviting someone both ask for. */
export function EmailRoleForm({
  submitLabel,
  placeholder,
  pending,
  style,
  onSubmit,
}: {
  submitLabel: string;
  placeholder: string;
  pending: boolean;
  style?: CSSProperties;
  onSubmit: (email: string, role: TeamRole) => void;
}) {
  return (
    <form
      className="inline-form"
      style={style}
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        onSubmit(String(f.get("email") ?? "").trim(), f.get("role") === "owner" ? "owner" : "member");
      }}
    >
      <label>
        Email
        <input name="email" type="email" placeholder={placeholder} />
      </label>
      <label>
        Role
        <select name="role" defaultValue="member">
          <option value="member">member</option>
          <option value="owner">owner</option>
        </select>
      </label>
      <button className="button" type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
