import { Button, Group, Modal, Text, TextInput, type ButtonProps } from '@mantine/core'
import { useRef, useState, type ReactNode } from 'react'

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
  // Refs, not state: two clicks in one frame, or a click while the dialog fades out after
  // success, must not run onConfirm again.
  const running = useRef(false)
  const done = useRef(false)
  const run = async () => {
    if (running.current || done.current) return
    running.current = true
    setBusy(true)
    try {
      await onConfirm()
      done.current = true
      setOpen(false)
    } catch {
      // the caller shows the error; keep the dialog open
    } finally {
      running.current = false
      setBusy(false)
    }
  }
  const openDialog = () => {
    done.current = false
    setOpen(true)
  }
  return (
    <>
      <Button color={color} {...rest} onClick={openDialog}>
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
