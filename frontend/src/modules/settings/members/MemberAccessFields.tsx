import { MultiSelect, Select, Switch } from '@mantine/core'
import type { ContactClass } from '../classes/types'
import { ROLES, type MemberAccess } from './types'

type Props = {
  value: MemberAccess
  onChange: (v: MemberAccess) => void
  classes: ContactClass[]
  errors?: (field: string) => string | undefined
}

/** Role + contact access (all contacts, or chosen classes). */
export function MemberAccessFields({ value, onChange, classes, errors = () => undefined }: Props) {
  return (
    <>
      <Select
        label="Role"
        data={ROLES}
        value={value.role}
        onChange={(r) => r && onChange({ ...value, role: r as MemberAccess['role'] })}
        allowDeselect={false}
        error={errors('role')}
        description="Viewers only read; members work contacts; admins also manage settings."
      />
      <Switch
        label="All contacts"
        checked={value.all_contacts}
        onChange={(e) => onChange({ ...value, all_contacts: e.currentTarget.checked })}
        error={errors('all_contacts')}
      />
      {!value.all_contacts ? (
        <MultiSelect
          label="Contact classes"
          placeholder={value.contact_class_ids.length ? undefined : 'Choose the classes they may see'}
          data={classes.map((c) => ({ value: String(c.id), label: c.name }))}
          value={value.contact_class_ids.map(String)}
          onChange={(ids) => onChange({ ...value, contact_class_ids: ids.map(Number) })}
          error={errors('contact_class_ids')}
          clearable
        />
      ) : null}
    </>
  )
}
