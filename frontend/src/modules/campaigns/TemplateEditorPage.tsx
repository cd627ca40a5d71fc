import { Button, Center, Loader } from '@mantine/core'
import { Link, useParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { EmptyState, ErrorAlert } from '../../ui'
import { useWorkspaceId } from '../workspaces/hooks'
import { useTemplate } from './hooks'
import { TemplateEditor } from './TemplateEditor'

/** /w/:ws/templates/new and /w/:ws/templates/:templateId. */
export function TemplateEditorPage() {
  const ws = useWorkspaceId()
  const { templateId } = useParams()
  const id = templateId === undefined ? undefined : Number(templateId)
  const template = useTemplate(ws, id ?? Number.NaN, id !== undefined)
  if (id !== undefined && !template.data) {
    if (template.isPending && Number.isFinite(id)) {
      return (
        <Center py="xl">
          <Loader aria-label="Loading the template" />
        </Center>
      )
    }
    const missing = !Number.isFinite(id) || (isApiError(template.error) && template.error.status === 404)
    return missing ? (
      <EmptyState
        title="Template not found"
        description="It may have been deleted, or the link is wrong."
        action={
          <Button component={Link} to={`/w/${ws}/templates`} variant="default">
            All templates
          </Button>
        }
      />
    ) : (
      <ErrorAlert error={template.error} />
    )
  }
  return <TemplateEditor key={id ?? 'new'} ws={ws} template={template.data ?? null} />
}
