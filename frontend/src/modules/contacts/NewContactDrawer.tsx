import { Drawer } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useContactClasses } from '../settings/classes/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { ContactForm } from './ContactForm'
import { useSubmitOnce } from '../../ui'
import { useCreateContact, useTags } from './hooks'

type Props = { ws: number; opened: boolean; onClose: () => void }

export function NewContactDrawer({ ws, opened, onClose }: Props) {
  const create = useCreateContact(ws)
  const { submit } = useSubmitOnce()
  const fields = useCustomFields(ws)
  const classes = useContactClasses(ws)
  const tags = useTags(ws)
  const navigate = useNavigate()
  const narrow = useMediaQuery('(max-width: 48em)')
  // The form stays mounted while closed: clicking outside keeps what was typed; a new form
  // (new key) starts only after a contact was created.
  const [formKey, setFormKey] = useState(0)
  const close = () => {
    create.reset()
    onClose()
  }
  return (
    <Drawer
      opened={opened}
      onClose={close}
      title="New contact"
      position="right"
      keepMounted
      size={narrow ? '100%' : 'lg'}
      padding="lg"
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {(
        <ContactForm
          key={formKey}
          ws={ws}
          fields={fields.data?.items ?? []}
          classes={classes.data?.items ?? []}
          tagSuggestions={(tags.data?.items ?? []).map((t) => t.name)}
          error={create.error}
          submitting={create.isPending}
          onCancel={close}
          onSubmit={(payload) =>
            submit(async (idempotencyKey) => {
              const c = await create.mutateAsync({ body: payload, idempotencyKey }).catch(() => null)
              if (!c) return // the error shows in the form
              setFormKey((k) => k + 1)
              close()
              navigate(`/w/${ws}/contacts/${c.id}`)
            })
          }
        />
      )}
    </Drawer>
  )
}
