import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderWithProviders } from '../../test/render'
import { EmailStatusBadge, EmailWithStatus, ListEmailStatus, emailStatusDetails, emailStatusLabel } from './EmailStatusBadge'
import { EMAIL_STATUS, EMAIL_STATUSES } from './types'

const CHECKED = '2026-03-01T10:00:00Z'

describe('EmailStatusBadge', () => {
  it('names and colours every status, and an address never checked is "Not checked"', () => {
    expect(EMAIL_STATUSES.map((s) => emailStatusLabel(s, CHECKED))).toEqual(['Valid', 'Risky', 'Invalid', 'Suppressed', 'Unverified'])
    expect(new Set(EMAIL_STATUSES.map((s) => EMAIL_STATUS[s].color)).size).toBe(5)
    expect(emailStatusLabel('unverified', null)).toBe('Not checked')
    expect(emailStatusLabel('invalid', null)).toBe('Invalid')
    expect(emailStatusLabel('bounced', CHECKED)).toBe('bounced') // a status this build does not know
  })

  it('says why and when, with the reason first', () => {
    expect(emailStatusDetails('A role address', CHECKED)).toMatch(/^A role address · Checked 1 Mar 2026/)
    expect(emailStatusDetails(null, null)).toBe('Never checked')
  })

  it('shows the reason and check time in its name and in a tooltip on focus', async () => {
    renderWithProviders(<EmailStatusBadge status="invalid" reason="The domain cannot receive mail (no MX or A record)" checkedAt={CHECKED} />)
    const badge = screen.getByLabelText(/^Email status: Invalid\. The domain cannot receive mail .* Checked 1 Mar 2026/)
    expect(badge).toHaveTextContent('Invalid')
    expect(badge).toHaveAttribute('data-email-status', 'invalid')
    await userEvent.tab()
    expect(badge).toHaveFocus()
    expect(await screen.findByText('Invalid: Mail to this address cannot arrive.')).toBeInTheDocument()
  })

  it('writes the details beside the address on the card, long Polish text wrapping', () => {
    const email = 'zażółć.gęślą.jaźń.bardzo-długi-adres@przykład-domeny-bardzo-długiej.pl'
    renderWithProviders(<EmailWithStatus email={email} status="risky" reason="Probably a typo: did you mean ann@gmail.com?" checkedAt={CHECKED} />)
    expect(screen.getByText(email)).toBeInTheDocument()
    expect(screen.getByText('Risky')).toBeInTheDocument()
    expect(screen.getByText(/Probably a typo: did you mean ann@gmail.com\? · Checked 1 Mar 2026/)).toBeInTheDocument()
  })

  it('shows nothing on the card without an address, and in lists only when it needs attention', () => {
    const { container } = renderWithProviders(
      <div>
        <EmailWithStatus email={null} status="valid" />
        {EMAIL_STATUSES.map((s) => (
          <ListEmailStatus key={s} status={s} checkedAt={CHECKED} />
        ))}
      </div>,
    )
    const shown = [...container.querySelectorAll('[data-email-status]')].map((b) => b.getAttribute('data-email-status'))
    expect(shown).toEqual(['risky', 'invalid', 'suppressed'])
  })
})
