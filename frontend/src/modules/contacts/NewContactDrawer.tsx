import { Drawer } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useNavigate } from 'react-router'
import { useContactClasses } from '../settings/classes/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { ContactForm } from './ContactForm'
import { useCreateContact, useTags } from './hooks'

type Props = { ws: number; opened: boolean; onClose: () => void }

export function NewContactDrawer({ ws, opened, onClose }: Props) {
  const create = useCreateContact(ws)
  const fields = useCustomFields(ws)
  const classes = useContactClasses(ws)
  const tags = useTags(ws)
  const navigate = useNavigate()
  const narrow = useMediaQuery('(max-width: 48em)')
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
      size={narrow ? '100%' : 'lg'}
      padding="lg"
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {opened ? (
        <ContactForm
          ws={ws}
          fields={fields.data?.items ?? []}
          classes={classes.data?.items ?? []}
          tagSuggestions={(tags.data?.items ?? []).map((t) => t.name)}
          error={create.error}
          submitting={create.isPending}
          onCancel={close}
          onSubmit={(payload) =>
            create.mutate(payload, {
              onSuccess: (c) => {
                close()
                navigate(`/w/${ws}/contacts/${c.id}`)
              },
            })
          }
        />
      ) : null}
    </Drawer>
  )
}
