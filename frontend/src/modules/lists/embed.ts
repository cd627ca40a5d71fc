/** The HTML people paste into their website to put a list's subscribe form on it. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

/** The consent wording offered by default: what the person agrees to, kept as proof. */
export function defaultConsent(listName: string, workspaceName: string): string {
  const from = workspaceName.trim() ? ` from ${workspaceName.trim()}` : ''
  return `I agree to receive “${listName.trim()}”${from} by email. I can unsubscribe at any time with the link in every message.`
}

type EmbedOptions = {
  /** Where the form posts (the list's `form_url`). */
  action: string
  /** Makes the field ids unique when several forms are on one page. */
  id: number | string
  consent: string
  button?: string
}

/**
 * A plain form, no script: email and first name, the consent wording shown and sent along
 * (`consent_text`, kept as proof), and a honeypot (`website`) people never see or reach by Tab,
 * which bots fill in.
 */
export function embedSnippet({ action, id, consent, button = 'Subscribe' }: EmbedOptions): string {
  const p = `cardfile-${String(id).replace(/[^A-Za-z0-9_-]/g, '')}`
  const text = consent.trim().replace(/\s+/g, ' ')
  return [
    `<form method="post" action="${escapeHtml(action)}" accept-charset="UTF-8">`,
    `  <p>`,
    `    <label for="${p}-email">Email</label><br>`,
    `    <input id="${p}-email" type="email" name="email" required autocomplete="email">`,
    `  </p>`,
    `  <p>`,
    `    <label for="${p}-first-name">First name</label><br>`,
    `    <input id="${p}-first-name" type="text" name="first_name" autocomplete="given-name">`,
    `  </p>`,
    `  <div aria-hidden="true" style="position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden">`,
    `    <label for="${p}-website">Leave this field empty</label>`,
    `    <input id="${p}-website" type="text" name="website" tabindex="-1" autocomplete="off" value="">`,
    `  </div>`,
    `  <p>${escapeHtml(text)}</p>`,
    `  <input type="hidden" name="consent_text" value="${escapeHtml(text)}">`,
    `  <button type="submit">${escapeHtml(button)}</button>`,
    `</form>`,
  ].join('\n')
}
