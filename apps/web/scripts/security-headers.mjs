// Security headers for every response of the one HTTP server (pages, tRPC, auth, health, static files and the
// REST API alike), set by start.mjs before either handler answers.
//
// Content-Security-Policy: everything from this origin only; no plugins; no <base> or form posts elsewhere; not
// framed by anyone (frame-ancestors, with X-Frame-Options for older browsers). Scripts and styles allow
// 'unsafe-inline' because Next's App Router streams its page data in inline <script> tags and server-renders
// style attributes; nonces instead would need a proxy per request and every page rendered dynamically.
// blob: images are the chart PNG export (an SVG drawn into a canvas). Development adds 'unsafe-eval' (React's
// dev tools evaluate source maps). No upgrade-insecure-requests: teams reach the app over plain http.

/** The headers as [name, value] pairs; `dev` relaxes script-src for `npm run dev`. */
export function securityHeaders({ dev = false } = {}) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    ["Content-Security-Policy", csp],
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ];
}
