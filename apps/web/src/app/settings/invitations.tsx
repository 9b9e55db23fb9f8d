"use client";

import type { RouterOutputs } from "@scalecast/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { formatDate } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { EmailRoleForm } from "./email-role-form";

type Team = RouterOutputs["team"]["get"];

/**
 * Owners invite an email address to the team: the link (shown once) lets that address create an account
 * even when sign-up is by invitation only, and the new account joins this team with the chosen role.
 */
export function Invitations({ team }: { team: Team }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitation.list.queryOptions({ teamId: team.id }));
  const invalidate = () => queryClient.invalidateQueries(trpc.invitation.list.queryFilter({ teamId: team.id }));
  const [created, setCreated] = useState<RouterOutputs["invitation"]["create"] | null>(null);
  const create = useMutation(trpc.invitation.create.mutationOptions({ onSuccess: (i) => (setCreated(i), invalidate()) }));
  const revoke = useMutation(trpc.invitation.revoke.mutationOptions({ onSuccess: invalidate }));
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <section className="panel" data-testid="invitations">
      <h2>Invite</h2>
      <p className="muted small">Someone without an account signs up through the link, with the invited address, and joins this team. Links expire after 7 days.</p>
      <EmailRoleForm
        submitLabel="Invite"
        placeholder="newcomer@example.com"
        pending={create.isPending}
        onSubmit={(email, role) => create.mutate({ teamId: team.id, email, role })}
      />
      {create.error && <ErrorPanel error={create.error} />}
      {created && (
        <p className="small" data-testid="invitation-link">
          Send this link to {created.email} (shown once): <code>{`${origin}/sign-in?invitation=${created.code}`}</code>
        </p>
      )}
      <QueryView query={invitations} skeleton={<Skeleton lines={2} />}>
        {(list) =>
          list.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Role</th>
                  <th>Expires</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{i.role}</td>
                    <td>{formatDate(i.expiresAt)}</td>
                    <td>{i.status}</td>
                    <td className="num">
                      {i.status === "pending" && (
                        <ConfirmButton
                          label="Revoke"
                          title={`Revoke the invitation of ${i.email}?`}
                          confirmLabel="Revoke invitation"
                          disabled={revoke.isPending}
                          onConfirm={() => revoke.mutate({ invitationId: i.id })}
                          testId={`revoke-invitation-${i.id}`}
                        >
                          The link sent to {i.email} stops working; a new invitation is needed to join.
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
      {revoke.error && <ErrorPanel error={revoke.error} />}
    </section>
  );
}
