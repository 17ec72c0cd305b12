import { LRUCache } from 'lru-cache';
import type { BreakerOptions } from '../../config';
import { RouteBreaker, type BreakerState } from './RouteBreaker';

/** An upstream route: the unit of circuit breaking, rate-limit memory and metrics (e.g. FLEX + get). */
export interface UpstreamRoute {
  kind: string;
  operation: string;
}

/** A breaker's change, with whose it is and the route's state over every credential after it. */
export interface BreakerChange {
  route: UpstreamRoute;
  /** The credential's non-secret identity. */
  identity: string;
  from: BreakerState;
  to: BreakerState;
  /** The route's worst state over the credentials (what the per-route gauge shows). */
  routeState: BreakerState;
}

const SEVERITY: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * The circuit breakers of every (credential identity, route): one caller whose token or project makes Atlas fail
 * opens the route for that caller only, never for the others (in passthrough mode each caller is a credential).
 * Bounded: at most `maxIdentities` identities (least recently used forgotten first, with their breakers), as the
 * caches are. The routes are a fixed set named in code (kinds × operations), so each identity's map stays small.
 */
export class BreakerBook {
  private readonly byIdentity: LRUCache<string, Map<string, RouteBreaker>>;
  /** Per route, the breakers not closed (any identity): the route's state is the worst of these. */
  private readonly notClosed = new Map<string, Set<RouteBreaker>>();

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number,
    private readonly onChange: (change: BreakerChange) => void = () => undefined,
    maxIdentities = 10_000,
  ) {
    this.byIdentity = new LRUCache({
      max: maxIdentities,
      dispose: (breakers) => {
        for (const [key, breaker] of breakers) this.notClosed.get(key)?.delete(breaker);
      },
    });
  }

  /** The breaker of `identity` on `route`, made on first use. */
  breaker(identity: string, route: UpstreamRoute): RouteBreaker {
    const key = routeKey(route);
    let breakers = this.byIdentity.get(identity);
    if (!breakers) {
      breakers = new Map();
      this.byIdentity.set(identity, breakers);
    }
    let breaker = breakers.get(key);
    if (!breaker) {
      const made: RouteBreaker = new RouteBreaker(this.options, this.now, (from, to) => {
        const set = this.notClosed.get(key) ?? new Set<RouteBreaker>();
        if (to === 'closed') set.delete(made);
        else set.add(made);
        this.notClosed.set(key, set);
        this.onChange({ route, identity, from, to, routeState: this.routeState(route) });
      });
      breaker = made;
      breakers.set(key, breaker);
    }
    return breaker;
  }

  /** One credential's breaker state on a route (closed when it never called it). */
  state(identity: string, route: UpstreamRoute): BreakerState {
    return this.byIdentity.peek(identity)?.get(routeKey(route))?.state ?? 'closed';
  }

  /** The route's worst breaker state over every credential. */
  routeState(route: UpstreamRoute): BreakerState {
    let worst: BreakerState = 'closed';
    for (const breaker of this.notClosed.get(routeKey(route)) ?? []) {
      if (SEVERITY[breaker.state] > SEVERITY[worst]) worst = breaker.state;
    }
    return worst;
  }

  /** How many identities have breakers (at most `maxIdentities`). */
  get identities(): number {
    return this.byIdentity.size;
  }
}

export function routeKey(route: UpstreamRoute): string {
  return `${route.kind}.${route.operation}`;
}
