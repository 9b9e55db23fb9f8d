import { Overview } from "~/components/overview";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return (
    <>
      <h1>Overview</h1>
      <p className="lede">Every team&apos;s methodologies: the latest fit, what the next 10× buys, the forecast at the next planned scale, and the call to make.</p>
      <Overview />
    </>
  );
}
