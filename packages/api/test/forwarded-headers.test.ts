import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { parseTrustedProxies, settleForwardedHeaders } from "../src/http/forwarded-headers";

/** An incoming request as node:http makes it, on a socket whose peer is `peer` (and TLS when `encrypted`). */
function incoming(peer: string, headers: Record<string, string>, encrypted = false): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: peer });
  if (encrypted) Object.defineProperty(socket, "encrypted", { value: true });
  const req = new IncomingMessage(socket);
  req.headers = { ...headers };
  return req;
}

function settled(peer: string, trusted: string | undefined, headers: Record<string, string>, encrypted = false) {
  const req = incoming(peer, headers, encrypted);
  settleForwardedHeaders(req, parseTrustedProxies(trusted));
  return req.headers;
}

describe("settleForwardedHeaders(req, trust)", () => {
  it("ignores X-Forwarded-* from a peer that is not a trusted proxy", () => {
    const headers = settled("203.0.113.9", undefined, {
      host: "10.0.0.5:3000",
      "x-forwarded-for": "198.51.100.1",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      "x-forwarded-port": "443",
      forwarded: "for=198.51.100.1",
    });
    expect(headers).toEqual({ host: "10.0.0.5:3000", "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "http", "x-forwarded-host": "10.0.0.5:3000" });
  });

  it("says https for a TLS socket", () => {
    expect(settled("203.0.113.9", undefined, { host: "box" }, true)["x-forwarded-proto"]).toBe("https");
  });

  it("takes the right-most forwarded address that is not itself a trusted proxy", () => {
    const headers = settled("10.1.0.2", "10.1.0.0/16, 192.0.2.7", {
      host: "internal:3000",
      "x-forwarded-for": "198.51.100.1, 203.0.113.4, 192.0.2.7",
      "x-forwarded-proto": "https, http",
      "x-forwarded-host": "scalecast.example.com",
    });
    expect(headers).toMatchObject({ "x-forwarded-for": "203.0.113.4", "x-forwarded-proto": "https", "x-forwarded-host": "scalecast.example.com" });
  });

  it("keeps the peer address when a trusted proxy forwards nothing, and ignores a protocol it does not know", () => {
    const headers = settled("::1", "loopback", { host: "localhost:3000", "x-forwarded-proto": "gopher" });
    expect(headers).toMatchObject({ "x-forwarded-for": "::1", "x-forwarded-proto": "http", "x-forwarded-host": "localhost:3000" });
  });
});

describe("parseTrustedProxies(value)", () => {
  it("trusts nobody when unset or empty", () => {
    for (const value of [undefined, "", " , "]) expect(parseTrustedProxies(value)("127.0.0.1", 0)).toBe(false);
  });

  it("accepts addresses, CIDR ranges and proxy-addr's names", () => {
    const trust = parseTrustedProxies("192.0.2.7, 10.0.0.0/8, loopback, fd00::/8");
    expect(["192.0.2.7", "10.20.30.40", "127.0.0.1", "::1", "fd00::1"].map((a) => trust(a, 0))).toEqual([true, true, true, true, true]);
    expect(["192.0.2.8", "11.0.0.1", "2001:db8::1"].map((a) => trust(a, 0))).toEqual([false, false, false]);
  });

  it.each(["10.0.0.0/33", "proxy.internal", "10.0.0.300"])("refuses %s with a message naming the variable and the entry", (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(
      `SCALECAST_TRUSTED_PROXIES: "${entry}" is not an IP address, CIDR range or proxy-addr name (loopback, linklocal, uniquelocal)`,
    );
  });
});
