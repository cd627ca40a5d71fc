/** Holds the CSRF token handed out by login/signup/accept-invitation and GET /me. */
let token: string | null = null

export function setCsrfToken(value: string | null | undefined): void {
  token = value ?? null
}

export function getCsrfToken(): string | null {
  return token
}
