import { Alert, Box, Center, Group, Loader, Paper, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core'
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react'
import { useState } from 'react'
import { ErrorAlert } from '../../ui'
import type { Contact } from '../contacts/types'
import { ContactPicker } from '../lists/ContactPicker'
import { useTemplatePreview } from './hooks'

const WIDTHS = { desktop: '100%', mobile: '375px' } as const
type Width = keyof typeof WIDTHS

/**
 * The saved template as a chosen contact would get it (or as a sample person), rendered by the
 * API. The HTML is shown in a sandboxed frame: no scripts, no forms, nothing reaches the app.
 */
export function TemplatePreview({ ws, templateId, dirty }: { ws: number; templateId: number | undefined; dirty: boolean }) {
  const [contact, setContact] = useState<Contact | null>(null)
  const [width, setWidth] = useState<Width>('desktop')
  const preview = useTemplatePreview(ws, templateId, contact?.id ?? null)
  const rendered = preview.data
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="template-preview-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title id="template-preview-title" order={3} fz="h4">
            Preview
          </Title>
          <SegmentedControl
            size="xs"
            aria-label="Preview width"
            value={width}
            onChange={(v) => setWidth(v as Width)}
            data={[
              {
                value: 'desktop',
                label: (
                  <Group gap={4} wrap="nowrap" justify="center">
                    <IconDeviceDesktop size={14} aria-hidden /> Desktop
                  </Group>
                ),
              },
              {
                value: 'mobile',
                label: (
                  <Group gap={4} wrap="nowrap" justify="center">
                    <IconDeviceMobile size={14} aria-hidden /> Mobile
                  </Group>
                ),
              },
            ]}
          />
        </Group>
        {templateId === undefined ? (
          <Text size="sm" c="dimmed">
            Save the template to see it here, as a contact of your choice would get it.
          </Text>
        ) : (
          <>
            <ContactPicker ws={ws} value={contact} onChange={setContact} label="Preview as contact" />
            <Text size="xs" c="dimmed" mt={-6}>
              {contact ? 'With this contact’s fields, custom fields and tags.' : 'No contact chosen: a sample person, Ada Lovelace.'}
            </Text>
            {dirty ? (
              <Alert variant="light" color="yellow" p="xs">
                <Text size="xs">This is the last saved version. Save to see your changes.</Text>
              </Alert>
            ) : null}
            <ErrorAlert error={preview.error} />
            {rendered ? (
              <Stack gap="xs" style={{ opacity: preview.isFetching ? 0.6 : 1 }} aria-busy={preview.isFetching}>
                <Box>
                  <Text size="xs" c="dimmed">
                    Subject
                  </Text>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="preview-subject">
                    {rendered.subject}
                  </Text>
                </Box>
                <Tabs defaultValue="html" keepMounted={false}>
                  <Tabs.List>
                    <Tabs.Tab value="html">HTML</Tabs.Tab>
                    <Tabs.Tab value="text">Plain text</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="html" pt="xs">
                    <Box bg="gray.1" p={width === 'mobile' ? 'xs' : 0} style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
                      <iframe
                        title="Message preview"
                        sandbox=""
                        referrerPolicy="no-referrer"
                        srcDoc={rendered.html}
                        data-width={width}
                        style={{
                          display: 'block',
                          width: WIDTHS[width],
                          maxWidth: '100%',
                          height: 520,
                          margin: '0 auto',
                          border: '1px solid var(--mantine-color-gray-3)',
                          borderRadius: 'var(--mantine-radius-sm)',
                          background: '#fff',
                        }}
                      />
                    </Box>
                  </Tabs.Panel>
                  <Tabs.Panel value="text" pt="xs">
                    <Box
                      component="pre"
                      m={0}
                      p="sm"
                      fz="sm"
                      bg="gray.0"
                      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 520, overflow: 'auto', borderRadius: 'var(--mantine-radius-sm)' }}
                      data-testid="preview-text"
                    >
                      {rendered.text}
                    </Box>
                  </Tabs.Panel>
                </Tabs>
              </Stack>
            ) : preview.isPending ? (
              <Center py="xl">
                <Loader size="sm" aria-label="Rendering the preview" />
              </Center>
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  )
}
