import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { Providers } from '../../app/providers'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contact, me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { template } from './fixtures'
import { TemplateEditorPage } from './TemplateEditorPage'

const BASE = '/api/v1/workspaces/7'
const BROKEN = '<html>\n<body>\n<p>Cześć {{ contact.first_name </p>\n</body>\n</html>'

function api(posts: unknown[], previews: string[]) {
  const saved = template({ id: 12, name: 'Powitanie — Привет', subject: 'Witaj {{ contact.first_name }}', html: '<p>Hi</p>' })
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7, role: 'member' })] })),
    [`POST ${BASE}/templates`]: async (req) => {
      const body = (await req.json()) as { html: string }
      posts.push(body)
      if (body.html.includes('first_name </p>')) {
        return json(422, {
          code: 'validation_error',
          message: 'Please correct the highlighted fields.',
          errors: { html: ["Line 3: unexpected '<'"] },
        })
      }
      await new Promise((resolve) => setTimeout(resolve, 30))
      return json(201, { ...saved, ...body })
    },
    [`GET ${BASE}/templates/12`]: () => json(200, saved),
    [`GET ${BASE}/templates/12/preview`]: (_r, url) => {
      const who = url.searchParams.get('contact_id')
      previews.push(who ?? 'sample')
      const name = who === '3' ? 'Zofia' : 'Ada'
      return json(200, { subject: `Witaj ${name}`, html: `<p>Cześć ${name}!</p><script>alert(1)</script>`, text: `Cześć ${name}!` })
    },
    [`GET ${BASE}/contacts`]: () => json(200, page([contact({ id: 3, first_name: 'Zofia', last_name: 'Wąsowska', email: 'zofia@example.pl' })])),
  })
}

/** New and saved templates: two routes, as in the app. */
function renderRoutes(route: string) {
  const element = <TemplateEditorPage />
  const router = createMemoryRouter(
    [
      { path: '/w/:ws/templates/new', element },
      { path: '/w/:ws/templates/:templateId', element },
    ],
    { initialEntries: [route] },
  )
  render(
    <Providers client={testQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  )
  return { router }
}

describe('the template editor', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the API’s error under the field it names, quoting the line, and selects that line', async () => {
    const posts: unknown[] = []
    api(posts, [])
    renderWithProviders(<TemplateEditorPage />, { route: '/w/7/templates/new', path: '/w/:ws/templates/new' })
    await userEvent.type(await screen.findByRole('textbox', { name: /^Name/ }), 'Powitanie')
    fireEvent.change(screen.getByRole('textbox', { name: /^Subject/ }), { target: { value: 'Witaj {{ contact.first_name }}' } })
    const html = screen.getByRole('textbox', { name: /^HTML/ }) as HTMLTextAreaElement
    fireEvent.change(html, { target: { value: BROKEN } })
    await userEvent.click(screen.getByRole('button', { name: 'Save template' }))
    expect(await screen.findByText(/Line 3: unexpected '<'/)).toBeInTheDocument()
    expect(screen.getByText('<p>Cześć {{ contact.first_name </p>')).toBeInTheDocument()
    expect(html).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByRole('textbox', { name: /^Subject/ })).not.toHaveAttribute('aria-invalid', 'true')
    await waitFor(() => expect(html.value.slice(html.selectionStart, html.selectionEnd)).toBe('<p>Cześć {{ contact.first_name </p>'))
    // Not saved: no preview yet.
    expect(screen.getByText(/Save the template to see it here/)).toBeInTheDocument()
  })

  it('saves once for a double click, then previews the saved template in a sandbox, as a chosen contact', async () => {
    const posts: unknown[] = []
    const previews: string[] = []
    api(posts, previews)
    const { router } = renderRoutes('/w/7/templates/new')
    await userEvent.type(await screen.findByRole('textbox', { name: /^Name/ }), 'Powitanie — Привет')
    fireEvent.change(screen.getByRole('textbox', { name: /^Subject/ }), { target: { value: 'Witaj {{ contact.first_name }}' } })
    await userEvent.dblClick(screen.getByRole('button', { name: 'Save template' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/w/7/templates/12'))
    expect(posts).toHaveLength(1)

    const frame = await screen.findByTitle('Message preview')
    expect(frame).toHaveAttribute('sandbox', '')
    expect(frame.getAttribute('srcdoc')).toContain('Cześć Ada!')
    expect(screen.getByTestId('preview-subject')).toHaveTextContent('Witaj Ada')

    await userEvent.click(screen.getByRole('radio', { name: /Mobile/ }))
    expect(frame).toHaveAttribute('data-width', 'mobile')

    const picker = screen.getByRole('combobox', { name: 'Preview as contact' })
    await userEvent.type(picker, 'Zof')
    await userEvent.click(await screen.findByRole('option', { name: /Zofia Wąsowska/, hidden: true }))
    await waitFor(() => expect(screen.getByTestId('preview-subject')).toHaveTextContent('Witaj Zofia'))
    expect(previews).toEqual(['sample', '3'])
    expect(within(screen.getByRole('region', { name: 'Preview' })).queryByText(/last saved version/)).toBeNull()
  })
})
