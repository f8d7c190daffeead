/** Links into Jaeger's UI (e.g. http://localhost:16686): one trace, and two side by side. */
export function jaegerTraceUrl(jaegerUrl: string, traceId: string): string {
  return `${trimSlash(jaegerUrl)}/trace/${traceId}`;
}

export function jaegerCompareUrl(jaegerUrl: string, a: string, b: string): string {
  return `${trimSlash(jaegerUrl)}/trace/${a}...${b}?cohort=${a}&cohort=${b}`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
