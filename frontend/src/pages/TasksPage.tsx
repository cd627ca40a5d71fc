import { TasksView } from '../modules/tasks/TasksView'
import { useWorkspaceId } from '../modules/workspaces/hooks'

export function TasksPage() {
  return <TasksView ws={useWorkspaceId()} />
}
