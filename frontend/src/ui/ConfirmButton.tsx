import { Button, Group, Modal, Text, TextInput, type ButtonProps } from '@mantine/core'
import { useState, type ReactNode } from 'react'

type Props = ButtonProps & {
  children: ReactNode
  /** Title of the confirmation dialog. */
  confirmTitle: string
  confirmText?: ReactNode
  confirmLabel?: string
  onConfirm: () => unknown | Promise<unknown>
  /** For what cannot be undone: the confirm button waits until this text is typed. */
  typeToConfirm?: string
  'aria-label'?: string
  title?: string
}

/** A button that asks for confirmation in a dialog before running `onConfirm`. */
export function ConfirmButton({
  children,
  confirmTitle,
  confirmText,
  confirmLabel = 'Confirm',
  onConfirm,
  typeToConfirm,
  color = 'red',
  ...rest
}: Props) {
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const confirmed = !typeToConfirm || typed.trim() === typeToConfirm.trim()
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    try {
      await onConfirm()
      setOpen(false)
    } catch {
      // the caller shows the error; keep the dialog open
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Button color={color} {...rest} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={confirmTitle} centered>
        {confirmText ? <Text size="sm">{confirmText}</Text> : null}
        {typeToConfirm ? (
          <TextInput
            mt="md"
            label={`Type “${typeToConfirm}” to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
        ) : null}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button color={color} loading={busy} onClick={run} disabled={!confirmed}>
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  )
}
