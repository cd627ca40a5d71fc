import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../test/render'
import { ConfirmButton } from './ConfirmButton'

describe('ConfirmButton', () => {
  it('runs once for a double click, and again only after being opened again', async () => {
    const onConfirm = vi.fn(() => new Promise((resolve) => setTimeout(resolve, 20)))
    renderWithProviders(
      <ConfirmButton confirmTitle="Merge all?" confirmLabel="Merge" onConfirm={onConfirm}>
        Merge all
      </ConfirmButton>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Merge all' }))
    const confirm = await screen.findByRole('button', { name: 'Merge' })
    fireEvent.click(confirm)
    fireEvent.click(confirm)
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1))
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 40))
    })
    fireEvent.click(confirm) // the dialog fading out after success
    expect(onConfirm).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByRole('button', { name: 'Merge all' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Merge' }))
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(2))
  })
})
