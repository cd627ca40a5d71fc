/** Only same-app paths are followed after login ("/w/2/settings"), never "//evil" or "/\evil". */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/'
  if (/^\/[a-z][a-z0-9+.-]*:/i.test(next)) return '/'
  return next
}
