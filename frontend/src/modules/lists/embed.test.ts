import { describe, expect, it } from 'vitest'
import { defaultConsent, embedSnippet, escapeHtml } from './embed'

const ACTION = 'https://crm.example/api/v1/public/subscribe/abc.DEF-123'

function parse(html: string): HTMLFormElement {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  return doc.querySelector('form')!
}

describe('the embeddable form', () => {
  it('posts email, first name and the consent shown to the list’s form address', () => {
    const consent = defaultConsent('Nowości — Новости', 'Sklep „Żółw” & Syn')
    const form = parse(embedSnippet({ action: ACTION, id: 12, consent }))
    expect(form.getAttribute('method')).toBe('post')
    expect(form.getAttribute('action')).toBe(ACTION)
    const email = form.querySelector<HTMLInputElement>('input[name=email]')!
    expect(email.type).toBe('email')
    expect(email.required).toBe(true)
    expect(form.querySelector<HTMLLabelElement>(`label[for="${email.id}"]`)?.textContent).toBe('Email')
    expect(form.querySelector('input[name=first_name]')).not.toBeNull()
    // The wording shown is the wording sent, special characters and all.
    const sent = form.querySelector<HTMLInputElement>('input[name=consent_text]')!
    expect(sent.type).toBe('hidden')
    expect(sent.value).toBe(consent)
    expect(form.textContent).toContain('„Żółw” & Syn')
    expect(form.querySelector('button[type=submit]')?.textContent).toBe('Subscribe')
  })

  it('hides a honeypot from people and from the Tab key', () => {
    const form = parse(embedSnippet({ action: ACTION, id: 3, consent: 'Tak' }))
    const trap = form.querySelector<HTMLInputElement>('input[name=website]')!
    expect(trap.getAttribute('tabindex')).toBe('-1')
    expect(trap.getAttribute('autocomplete')).toBe('off')
    const box = trap.closest('div')!
    expect(box.getAttribute('aria-hidden')).toBe('true')
    expect(box.getAttribute('style')).toContain('left:-9999px')
    expect(trap.type).not.toBe('hidden') // bots skip hidden inputs; this one they fill in
  })

  it('escapes what could break out of an attribute', () => {
    expect(escapeHtml(`"><script>alert('x')</script>`)).toBe('&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;')
    const form = parse(embedSnippet({ action: ACTION, id: 'a"b', consent: 'Zgoda "na" <wszystko>' }))
    expect(form.querySelectorAll('script')).toHaveLength(0)
    expect(form.querySelector<HTMLInputElement>('input[name=consent_text]')!.value).toBe('Zgoda "na" <wszystko>')
    expect(form.querySelector('input[name=email]')!.id).toBe('cardfile-ab-email')
  })
})
