import { Combobox, createTheme } from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Closed dropdowns stay out of the DOM, so a field's label names exactly one element
    // (Playwright getByLabel would otherwise also find the hidden listbox).
    Combobox: Combobox.extend({ defaultProps: { keepMounted: false } }),
  },
  breakpoints: { xs: '30em', sm: '48em', md: '64em', lg: '74em', xl: '90em' },
})
