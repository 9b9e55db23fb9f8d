/** One headline number with its label and an optional detail line, `detailTitle` on hover (Sweep and Plan views). */
export function Kpi({ label, value, detail, detailTitle }: { label: string; value: string; detail?: string; detailTitle?: string }) {
  return (
    <div className="kpi">
      <span>{label}</span>
      <strong>{value}</strong>
      {detail && <small title={detailTitle}>{detail}</small>}
    </div>
  );
}
