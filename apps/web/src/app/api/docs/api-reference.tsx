"use client";

import { useEffect, useRef } from "react";
import "swagger-ui-dist/swagger-ui.css";

/**
 * The REST API's reference, drawn by Swagger UI from GET /api/v1/openapi.json. The self-contained bundle
 * (its own React) is bundled with the app and loaded on this page only; nothing is fetched from elsewhere.
 */
export function ApiReference() {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("swagger-ui-dist/swagger-ui-es-bundle.js").then(({ default: SwaggerUI }) => {
      if (cancelled || !container.current) return;
      SwaggerUI({ domNode: container.current, url: "/api/v1/openapi.json", validatorUrl: null, deepLinking: true });
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return <div ref={container} className="api-reference" data-testid="api-reference" />;
}
