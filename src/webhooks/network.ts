import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/**
 * Where webhooks may go. `public`: only public unicast addresses — a tenant cannot make Allot call
 * (and report the answers of) the machines on its own network, the cloud's metadata service or
 * itself. `any`: anywhere, for an Allot that runs beside the one application it serves.
 */
export type WebhookNetworks = 'public' | 'any';

/** Why `address` may not receive webhooks, or null when it may. */
export function refusal(address: string, networks: WebhookNetworks): string | null {
  if (networks === 'any' || !ipaddr.isValid(address)) return null;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
    else if (isIPv4Compatible(v6)) {
      // ::a.b.c.d (deprecated, still written): judged by the IPv4 address it holds.
      const [hi, lo] = [v6.parts[6]!, v6.parts[7]!];
      ip = new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
    }
  }
  const range = ip.range();
  return range === 'unicast'
    ? null
    : `${address} is a ${range} address; webhooks go to public addresses only (ALLOT_WEBHOOK_NETWORKS=any allows any)`;
}

/** `::a.b.c.d`: the first 96 bits zero, other than `::` and `::1`. */
function isIPv4Compatible(ip: ipaddr.IPv6): boolean {
  return ip.parts.slice(0, 6).every((p) => p === 0) && (ip.parts[6] !== 0 || ip.parts[7]! > 1);
}

/** Why a URL's host may not receive webhooks, as far as can be told without resolving it. */
export function hostRefusal(url: URL, networks: WebhookNetworks): string | null {
  if (networks === 'any') return null;
  // A name's trailing dot (the DNS root: `localhost.`) names the same host.
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(host)) return refusal(host, networks);
  if (host === 'localhost' || host.endsWith('.localhost')) return refusal('127.0.0.1', networks);
  return null;
}

/** The code of a connection refused by the policy: a delivery attempt fails with it, and is retried. */
const REFUSED = 'EADDRNOTALLOWED';

const agents = new Map<WebhookNetworks, Agent>();

/**
 * The HTTP agent deliveries go through: under `public`, every address a host name resolves to is
 * checked when the connection is made (so a name cannot be pointed elsewhere after it was accepted).
 */
export function agentFor(networks: WebhookNetworks): Agent {
  let agent = agents.get(networks);
  if (!agent) {
    agent = new Agent({
      connect: {
        lookup: (hostname, options, callback) =>
          dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
            if (error) return callback(error, '', 0);
            const list = addresses as LookupAddress[];
            const why = list.map((a) => refusal(a.address, networks)).find((r) => r !== null);
            if (why) return callback(Object.assign(new Error(why), { code: REFUSED }), '', 0);
            if (options.all)
              return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
            return callback(null, list[0]!.address, list[0]!.family);
          }),
      },
    });
    agents.set(networks, agent);
  }
  return agent;
}
