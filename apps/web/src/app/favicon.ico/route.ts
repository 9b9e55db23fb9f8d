/**
 * The page's icon link is streamed with its metadata, so a browser loading a page may ask for /favicon.ico
 * first (a console 404): send it to the app's icon (app/icon.svg). A relative location keeps the browser on
 * the origin it asked (the server's own idea of its host may differ, and the CSP allows only 'self').
 */
export function GET(): Response {
  return new Response(null, { status: 308, headers: { location: "/icon.svg" } });
}
