/**
 * The page's icon link is streamed with its metadata, so a browser loading a page may ask for /favicon.ico
 * first (a console 404): send it to the app's icon (app/icon.svg).
 */
export function GET(request: Request): Response {
  return Response.redirect(new URL("/icon.svg", request.url), 308);
}
