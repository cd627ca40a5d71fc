import { Button, Center, Loader } from '@mantine/core'
import { Link, useParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { EmptyState, ErrorAlert } from '../../ui'
import { useWorkspaceId } from '../workspaces/hooks'
import { CampaignEditor } from './CampaignEditor'
import { CampaignReport } from './CampaignReport'
import { useCampaign } from './hooks'
import { showsReport } from './types'

/** /w/:ws/campaigns/new and /w/:ws/campaigns/:campaignId: the editor while the campaign is a
 * draft or scheduled, its report from the moment it goes out. */
export function CampaignPage() {
  const ws = useWorkspaceId()
  const { campaignId } = useParams()
  const id = campaignId === undefined ? undefined : Number(campaignId)
  const campaign = useCampaign(ws, id ?? Number.NaN, id !== undefined)
  if (id === undefined) return <CampaignEditor key="new" ws={ws} campaign={null} />
  if (!campaign.data) {
    if (campaign.isPending && Number.isFinite(id)) {
      return (
        <Center py="xl">
          <Loader aria-label="Loading the campaign" />
        </Center>
      )
    }
    const missing = !Number.isFinite(id) || (isApiError(campaign.error) && campaign.error.status === 404)
    return missing ? (
      <EmptyState
        title="Campaign not found"
        description="It may have been deleted, or the link is wrong."
        action={
          <Button component={Link} to={`/w/${ws}/campaigns`} variant="default">
            All campaigns
          </Button>
        }
      />
    ) : (
      <ErrorAlert error={campaign.error} />
    )
  }
  return showsReport(campaign.data.status) ? (
    <CampaignReport ws={ws} campaign={campaign.data} />
  ) : (
    // Keyed by status too: a draft that was scheduled starts again from what was saved.
    <CampaignEditor key={`${id}-${campaign.data.status}`} ws={ws} campaign={campaign.data} />
  )
}
