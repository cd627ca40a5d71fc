import { Button, Center, Loader } from '@mantine/core'
import { Link, useParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { EmptyState, ErrorAlert } from '../../ui'
import { useWorkspaceId } from '../workspaces/hooks'
import { useSegment } from './hooks'
import { SegmentBuilder } from './SegmentBuilder'

/** /w/:ws/segments/new and /w/:ws/segments/:segmentId. */
export function SegmentBuilderPage() {
  const ws = useWorkspaceId()
  const { segmentId } = useParams()
  const id = segmentId === undefined ? undefined : Number(segmentId)
  const segment = useSegment(ws, id ?? Number.NaN, id !== undefined)
  if (id !== undefined && !segment.data) {
    if (segment.isPending && Number.isFinite(id)) {
      return (
        <Center py="xl">
          <Loader aria-label="Loading the segment" />
        </Center>
      )
    }
    const missing = !Number.isFinite(id) || (isApiError(segment.error) && segment.error.status === 404)
    return missing ? (
      <EmptyState
        title="Segment not found"
        description="It may have been moved to the trash, or the link is wrong."
        action={
          <Button component={Link} to={`/w/${ws}/segments`} variant="default">
            All segments
          </Button>
        }
      />
    ) : (
      <ErrorAlert error={segment.error} />
    )
  }
  return <SegmentBuilder key={id ?? 'new'} ws={ws} segment={segment.data ?? null} />
}
