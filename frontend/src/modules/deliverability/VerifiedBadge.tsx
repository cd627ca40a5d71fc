import { Badge } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'

/** Whether a sending domain's DNS passed its checks (campaigns send only from verified ones). */
export function VerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? (
    <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
      Verified
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Not verified
    </Badge>
  )
}
