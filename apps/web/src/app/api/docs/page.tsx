import { ApiReference } from "./api-reference";

export const metadata = { title: "REST API reference · Scalecast" };

export default function ApiDocsPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>REST API reference</h1>
          <p className="lede">
            Every endpoint of <code>/api/v1</code> for training scripts and notebooks, with its parameters and answers. Send an API token
            (Settings → API tokens) as <code>Authorization: Bearer &lt;token&gt;</code>. The machine-readable document is{" "}
            <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
          </p>
        </div>
      </div>
      <ApiReference />
    </>
  );
}
