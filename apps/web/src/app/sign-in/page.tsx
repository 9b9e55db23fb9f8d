import { Suspense } from "react";
import { SignInForm } from "./sign-in-form";

export default function SignInPage() {
  return (
    <div className="narrow">
      <Suspense>
        <SignInForm />
      </Suspense>
    </div>
  );
}
