import type { Gateway } from '../../src/server';

/** The gateway's Prometheus text (`GET /metrics`). */
export async function scrape(gateway: Gateway): Promise<string> {
  return (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
}

/** The value of a sample (`name{labels}`), or, without labels, the sum over every label set; 0 when absent. */
export function metricValue(text: string, name: string, labels = ''): number {
  const exact = `${name}{${labels}} `;
  return text
    .split('\n')
    .filter((line) => (labels ? line.startsWith(exact) : line.startsWith(`${name} `) || line.startsWith(`${name}{`)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
