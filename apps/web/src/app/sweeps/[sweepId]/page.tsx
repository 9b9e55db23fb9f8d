import { SweepView } from "./sweep-view";

export const dynamic = "force-dynamic";

export default async function SweepPage({ params }: { params: Promise<{ sweepId: string }> }) {
  const { sweepId } = await params;
  return <SweepView sweepId={sweepId} />;
}
