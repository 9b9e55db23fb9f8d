"use client";

import { useId, useRef, type ReactNode } from "react";
import styles from "./confirm-button.module.css";

/**
 * A button for a destructive action (revoke a token, remove a member, delete runs) that asks first: it
 * opens a native modal <dialog> (focus kept inside, Escape cancels) saying what will happen; only its
 * confirm button calls `onConfirm`. Cancel is focused first, so Enter does not destroy anything.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  disabled = false,
  className = "button danger small",
  testId,
}: {
  label: ReactNode;
  title: string;
  /** What the action does, in the dialog. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => dialog.current?.showModal()} data-testid={testId}>
        {label}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId} data-testid={testId ? `${testId}-dialog` : undefined}>
        <h2 className={styles.title} id={titleId}>
          {title}
        </h2>
        <div className={styles.body}>{children}</div>
        <div className={styles.actions}>
          <button type="button" className="button secondary" autoFocus onClick={() => dialog.current?.close()} data-testid={testId ? `${testId}-cancel` : undefined}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${styles.confirm}`}
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
