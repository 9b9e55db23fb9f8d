"use client";

import type { RouterOutputs } from "@scalecast/api";
import { MODEL_NAMES } from "@scalecast/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { CopyButton } from "~/components/ui/copy-button";
import { CardsSkeleton, EmptyState, ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { formatDate } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { EmailRoleForm } from "./email-role-form";
import { IngestSnippets } from "./ingest-snippets";
import { Invitations } from "./invitations";
import { SignUpPolicy } from "./sign-up-policy";

type Team = RouterOutputs["team"]["get"];

const field = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** " Ask an owner (A, B) to add you.": whom to ask for what the viewer may not do (`what`, may be empty). */
function askOwners(team: Team, what = ""): string {
  const owners = team.members.filter((m) => m.role === "owner").map((m) => m.name);
  return owners.length > 0 ? ` Ask an owner (${owners.join(", ")})${what}.` : "";
}

export function SettingsView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const teams = useQuery(trpc.team.list.queryOptions());
  const slug = params.get("team") ?? teams.data?.[0]?.slug ?? null;
  return (
    <div className="grid-side nav-first">
      <aside>
        <section className="panel">
          <h2>Teams</h2>
          <QueryView query={teams} skeleton={<Skeleton lines={3} />}>
            {(list) =>
              list.length === 0 ? (
                <p className="muted">No teams yet.</p>
              ) : (
                <div className="form" style={{ gap: 4 }}>
                  {list.map((t) => (
                    <button key={t.id} type="button" className={t.slug === slug ? "nav-link active" : "nav-link"} style={{ textAlign: "left", border: 0, font: "inherit", cursor: "pointer" }} onClick={() => router.push(`/settings?team=${t.slug}`)}>
                      {t.name}
                    </button>
                  ))}
                </div>
              )
            }
          </QueryView>
        </section>
        <CreateTeam onCreated={(s) => router.push(`/settings?team=${s}`)} />
        <SignUpPolicy />
      </aside>
      <div>{slug ? <TeamSettings slug={slug} /> : teams.isPending ? <CardsSkeleton count={2} /> : <EmptyState title="Create your first team">Teams own methodologies, sweeps and API tokens.</EmptyState>}</div>
    </div>
  );
}

function CreateTeam({ onCreated }: { onCreated: (slug: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.team.create.mutationOptions({
      onSuccess: async (team) => {
        await queryClient.invalidateQueries(trpc.team.pathFilter());
        onCreated(team.slug);
      },
    }),
  );
  return (
    <form
      className="panel form"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        create.mutate({ name: field(f, "name"), slug: field(f, "slug") });
      }}
      data-testid="create-team"
    >
      <h2>New team</h2>
      <label>
        Name
        <input name="name" placeholder="Pretraining" />
      </label>
      <label>
        Slug (in links)
        <input name="slug" placeholder="pretraining" />
      </label>
      <button className="button" type="submit" disabled={create.isPending}>
        Create team
      </button>
      {create.error && <ErrorPanel error={create.error} />}
    </form>
  );
}

function TeamSettings({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.team.get.queryOptions({ slug }));
  return (
    <QueryView query={team} skeleton={<CardsSkeleton count={2} />}>
      {(t) => (
        <>
          <div className="page-head">
            <div>
              <h2 style={{ fontSize: "1.5rem", marginBottom: 4 }}>{t.name}</h2>
              <p className="lede">
                {t.viewer.role ? `You are ${t.viewer.role === "owner" ? "an owner" : "a member"} of this team.` : "You can read this team; only its members can change it."}
              </p>
            </div>
          </div>
          <Members team={t} />
          {t.viewer.canManage ? (
            <>
              <Invitations team={t} />
              <Tokens team={t} />
            </>
          ) : (
            <section className="panel" data-testid="owners-only">
              <h2>Invitations and API tokens</h2>
              <p className="muted" style={{ margin: 0 }}>
                Only owners of team {t.name} can invite people and create or revoke its API tokens.{askOwners(t)}
              </p>
            </section>
          )}
          <Methodologies team={t} />
        </>
      )}
    </QueryView>
  );
}

function Members({ team }: { team: Team }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries(trpc.team.get.queryFilter({ slug: team.slug }));
  const add = useMutation(trpc.member.add.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess: invalidate }));
  return (
    <section className="panel" data-testid="members">
      <h2>Members</h2>
      {team.members.length === 0 ? (
        <p className="muted">No members.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.userId}>
                <td>{m.name}</td>
                <td>{m.email ?? "—"}</td>
                <td>{m.role}</td>
                <td className="num">
                  {team.viewer.canManage && (
                    <ConfirmButton
                      label="Remove"
                      title={`Remove ${m.name} from ${team.name}?`}
                      confirmLabel="Remove member"
                      disabled={remove.isPending}
                      onConfirm={() => remove.mutate({ teamId: team.id, userId: m.userId })}
                      testId={`remove-member-${m.userId}`}
                    >
                      {m.name} loses access to the team&apos;s writes at once: adding runs, fits, decisions. Their past actions stay in the trail.
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!team.viewer.canManage && (
        <p className="muted small" data-testid="members-locked">
          Only owners of team {team.name} can add or remove members.{askOwners(team)}
        </p>
      )}
      {team.viewer.canManage && (
        <EmailRoleForm
          submitLabel="Add member"
          placeholder="colleague@example.com"
          pending={add.isPending}
          style={{ marginTop: 14 }}
          onSubmit={(email, role) => add.mutate({ teamId: team.id, email, role })}
        />
      )}
      {add.error && <ErrorPanel error={add.error} />}
      {remove.error && <ErrorPanel error={remove.error} />}
    </section>
  );
}

function Tokens({ team }: { team: Team }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.token.list.queryOptions({ teamId: team.id }));
  const invalidate = () => queryClient.invalidateQueries(trpc.token.list.queryFilter({ teamId: team.id }));
  const [created, setCreated] = useState<RouterOutputs["token"]["create"] | null>(null);
  const create = useMutation(trpc.token.create.mutationOptions({ onSuccess: (t) => (setCreated(t), invalidate()) }));
  const revoke = useMutation(trpc.token.revoke.mutationOptions({ onSuccess: invalidate }));
  return (
    <section className="panel" data-testid="tokens">
      <h2>API tokens</h2>
      <p className="muted small">A token writes runs into this team&apos;s sweeps from training scripts. It is shown once, when created; only its hash is kept.</p>
      <QueryView query={tokens} skeleton={<Skeleton lines={2} />}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No tokens yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Prefix</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>{formatDate(t.createdAt)}</td>
                    <td>{t.lastUsedAt ? formatDate(t.lastUsedAt) : "never"}</td>
                    <td>{t.active ? "active" : "revoked"}</td>
                    <td className="num">
                      {t.active && (
                        <ConfirmButton
                          label="Revoke"
                          title={`Revoke the token “${t.name}”?`}
                          confirmLabel="Revoke token"
                          disabled={revoke.isPending}
                          onConfirm={() => revoke.mutate({ tokenId: t.id })}
                          testId={`revoke-token-${t.id}`}
                        >
                          Scripts using <code>{t.prefix}…</code> can no longer log runs into {team.name}. This cannot be undone: a new token is needed.
                        </ConfirmButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      <form
        className="inline-form"
        style={{ marginTop: 14 }}
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          create.mutate({ teamId: team.id, name: field(new FormData(e.currentTarget), "name") });
        }}
      >
        <label>
          Token name
          <input name="name" placeholder="training cluster" />
        </label>
        <button className="button" type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.error && <ErrorPanel error={create.error} />}
      {revoke.error && <ErrorPanel error={revoke.error} />}
      {created && (
        <div className="secret" style={{ marginTop: 14 }} data-testid="new-token">
          <strong>Copy this token now: it will not be shown again.</strong>
          <div className="toolbar" style={{ marginTop: 6 }}>
            <code data-testid="token-value">{created.token}</code>
            <CopyButton text={created.token} label="Copy token" testId="copy-token" />
          </div>
        </div>
      )}
      <IngestSnippets teamId={team.id} token={created?.token ?? "<your token>"} />
    </section>
  );
}

function Methodologies({ team }: { team: Team }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sweeps = useQuery(trpc.sweep.list.queryOptions({ teamId: team.id }));
  const invalidate = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.team.pathFilter()),
      queryClient.invalidateQueries(trpc.methodology.pathFilter()),
      queryClient.invalidateQueries(trpc.sweep.pathFilter()),
    ]);
  };
  const createMethodology = useMutation(trpc.methodology.create.mutationOptions({ onSuccess: invalidate }));
  const createSweep = useMutation(trpc.sweep.create.mutationOptions({ onSuccess: invalidate }));
  return (
    <section className="panel" data-testid="methodologies">
      <h2>Methodologies and sweeps</h2>
      {team.methodologies.length === 0 ? (
        <p className="muted">No methodologies yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Methodology</th>
              <th>Sweeps</th>
            </tr>
          </thead>
          <tbody>
            {team.methodologies.map((m) => (
              <tr key={m.id}>
                <td>
                  <strong>{m.name}</strong>
                  {m.synthetic && <span className="badge">synthetic demo</span>}
                  <div className="muted small">{m.description}</div>
                </td>
                <td>
                  {(sweeps.data ?? [])
                    .filter((s) => s.methodology.id === m.id)
                    .map((s) => (
                      <div key={s.id}>
                        <Link href={`/sweeps/${s.id}`}>{s.name}</Link> <span className="muted small">({s.runCount} runs)</span>
                      </div>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!team.viewer.canWrite && (
        <p className="muted small" data-testid="methodologies-locked">
          Only members of team {team.name} can add methodologies and sweeps.{askOwners(team, " to add you")}
        </p>
      )}
      {team.viewer.canWrite && (
        <div className="grid-2" style={{ marginTop: 16 }}>
          <form
            className="form"
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              createMethodology.mutate({ teamId: team.id, name: field(f, "name"), description: field(f, "description") });
            }}
            data-testid="create-methodology"
          >
            <h3>New methodology</h3>
            <label>
              Name
              <input name="name" placeholder="web crawl v3" />
            </label>
            <label>
              Description
              <input name="description" placeholder="what is scaled, and how" />
            </label>
            <button className="button" type="submit" disabled={createMethodology.isPending}>
              Add methodology
            </button>
            {createMethodology.error && <ErrorPanel error={createMethodology.error} />}
          </form>
          <form
            className="form"
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              const target = field(f, "targetScale");
              createSweep.mutate({
                methodologyId: field(f, "methodologyId"),
                name: field(f, "name"),
                axes: field(f, "axes")
                  .split(/[\s,]+/)
                  .filter(Boolean),
                metric: field(f, "metric"),
                direction: field(f, "direction") === "higher" ? "higher" : "lower",
                ...(target ? { targetScale: Number(target) } : {}),
                ...(field(f, "metricBounded") ? { metricBounded: field(f, "metricBounded") === "bounded" } : {}),
                ...(field(f, "pinnedModel") ? { pinnedModel: field(f, "pinnedModel") as (typeof MODEL_NAMES)[number] } : {}),
              });
            }}
            data-testid="create-sweep"
          >
            <h3>New sweep</h3>
            <label>
              Methodology
              <select name="methodologyId">
                {team.methodologies.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Name
              <input name="name" placeholder="data size sweep" />
            </label>
            <div className="inline-form">
              <label>
                Axes
                <input name="axes" placeholder="D  or  N, D" style={{ width: 120 }} />
              </label>
              <label>
                Metric
                <input name="metric" placeholder="loss" style={{ width: 110 }} />
              </label>
              <label>
                Better
                <select name="direction">
                  <option value="lower">lower</option>
                  <option value="higher">higher</option>
                </select>
              </label>
              <label>
                Target scale
                <input name="targetScale" placeholder="1e10" style={{ width: 100 }} />
              </label>
              <label>
                Bounded to [0, 1] (auto: accuracy, f1, pass@k…)
                <select name="metricBounded" defaultValue="" data-testid="create-sweep-bounded">
                  <option value="">auto</option>
                  <option value="bounded">yes</option>
                  <option value="unbounded">no</option>
                </select>
              </label>
              <label>
                Default law
                <select name="pinnedModel" defaultValue="">
                  <option value="">best ranked (model selection)</option>
                  {MODEL_NAMES.filter((m) => m !== "isoflop").map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <button className="button" type="submit" disabled={createSweep.isPending || team.methodologies.length === 0}>
              Add sweep
            </button>
            {createSweep.error && <ErrorPanel error={createSweep.error} />}
            {createSweep.data && (
              <p className="notice">
                Created <Link href={`/sweeps/${createSweep.data.id}`}>{createSweep.data.name}</Link>: open it to import runs.
              </p>
            )}
          </form>
        </div>
      )}
    </section>
  );
}
