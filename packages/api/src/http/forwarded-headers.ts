/**
 * Who sent a request and how, decided once where it enters the app's HTTP server (start.mjs), and
 * written into X-Forwarded-For, -Proto and -Host so everything after (better-auth's rate limit and
 * cookies, the same-origin check, Next.js) reads one settled answer.
 *
 * A client can write any X-Forwarded-* header, so they count only when the socket's peer is a proxy
 * listed in SCALECAST_TRUSTED_PROXIES (addresses or CIDR ranges, comma-separated; proxy-addr's names
 * `loopback`, `linklocal` and `uniquelocal` work too). The client address is then the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy (proxy-addr); otherwise it is the peer.
 */
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

/** Whether the hop at `address` is a trusted proxy. */
export type TrustProxy = (address: string, hop: number) => boolean;

const trustNone: TrustProxy = () => false;

/**
 * Parses SCALECAST_TRUSTED_PROXIES (unset or empty: trust no proxy).
 * Throws an Error naming the variable and the entry that is not an address or range.
 */
export function parseTrustedProxies(value: string | undefined): TrustProxy {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return trustNone;
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new Error(`SCALECAST_TRUSTED_PROXIES: "${entry}" is not an IP address, CIDR range or proxy-addr name (loopback, linklocal, uniquelocal)`);
    }
  }
  return proxyaddr.compile(entries);
}

const FORWARDED_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"];

/** The first value of a comma-separated header (the hop nearest the client), or undefined. */
function firstValue(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.split(",", 1)[0]?.trim();
  return value || undefined;
}

/**
 * Replaces the request's forwarding headers with this server's verdict: X-Forwarded-For is the one client
 * address, X-Forwarded-Proto `https` or `http`, X-Forwarded-Host the host the client asked for. A trusted
 * proxy's X-Forwarded-Proto and -Host are kept (the first value); anyone else's are dropped.
 */
export function settleForwardedHeaders(req: IncomingMessage, trust: TrustProxy): void {
  const peer = req.socket.remoteAddress;
  const fromProxy = peer !== undefined && trust(peer, 0);
  const client = proxyaddr(req, trust);
  const forwardedProto = fromProxy ? firstValue(req.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  const encrypted = "encrypted" in req.socket && req.socket.encrypted === true;
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : encrypted ? "https" : "http";
  const host = (fromProxy ? firstValue(req.headers["x-forwarded-host"]) : undefined) ?? req.headers.host;
  const port = fromProxy ? req.headers["x-forwarded-port"] : undefined;
  for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers["x-forwarded-for"] = client;
  req.headers["x-forwarded-proto"] = proto;
  if (host) req.headers["x-forwarded-host"] = host;
  if (port) req.headers["x-forwarded-port"] = port;
}
