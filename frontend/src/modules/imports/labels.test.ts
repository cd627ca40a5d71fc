import { describe, expect, it } from 'vitest'
import { importDraft, importReport } from './fixtures'
import { countsSummary, flaggedLabel, normalizeCounts, outcomes, percentDone, rejectedLabel, resultText, timeLeft } from './labels'
import { errorsUnder, nextStep, previousStep, stepFromParam, stepOfErrors } from './steps'

describe('labels', () => {
  it('names every reason a row is rejected or flagged', () => {
    expect(rejectedLabel('no_mx')).toBe('Domain receives no mail')
    for (const reason of ['invalid_syntax', 'no_mx', 'disposable', 'suppressed', 'forgotten', 'fake', 'invalid_value']) {
      expect(rejectedLabel(reason)).not.toMatch(/_/)
    }
    expect(flaggedLabel('typo')).toMatch(/^Possible typo/)
    expect(flaggedLabel('role')).toMatch(/^Role address/)
    // A reason a newer server sends still reads as words.
    expect(rejectedLabel('greylisted_domain')).toBe('Greylisted domain')
  })

  it('completes partial counts and sums the reasons', () => {
    expect(normalizeCounts({})).toEqual({ created: 0, updated: 0, unchanged: 0, duplicate_in_file: 0, rejected: {}, flagged: {} })
    const counts = normalizeCounts(importReport().counts)
    expect(outcomes(counts).map((o) => [o.key, o.value])).toEqual([
      ['created', 100],
      ['updated', 5],
      ['unchanged', 3],
      ['duplicate_in_file', 2],
      ['rejected', 10],
    ])
  })

  it('sums an import up in one line, zeros left out', () => {
    expect(countsSummary(importReport().counts)).toBe(
      '100 created · 5 updated · 3 unchanged · 2 duplicates in the file · 10 rejected · 4 flagged',
    )
    expect(countsSummary({ created: 1, duplicate_in_file: 1 })).toBe('1 created · 1 duplicate in the file')
    expect(resultText(importDraft())).toBe('Not started: choices to finish')
    expect(resultText(importDraft({ status: 'failed', error: 'Row 7 has 3 columns; the header has 4.' }))).toBe(
      'Row 7 has 3 columns; the header has 4.',
    )
    expect(resultText(importDraft({ status: 'cancelled', counts: {} }))).toBe('Cancelled before any row')
  })

  it('says how far and how long', () => {
    expect(percentDone(250, 1000)).toBe(25)
    expect(percentDone(5, null)).toBe(0)
    expect(timeLeft(null)).toBeNull()
    expect(timeLeft(3)).toBe('a few seconds')
    expect(timeLeft(42)).toBe('about 42 seconds')
    expect(timeLeft(150)).toBe('about 3 minutes')
    expect(timeLeft(7300)).toBe('about 2 hours')
  })
})

describe('wizard steps', () => {
  it('reads the step from the URL and goes forward and back', () => {
    expect(stepFromParam(null)).toBe('columns')
    expect(stepFromParam('upload')).toBe('columns')
    expect(stepFromParam('source')).toBe('source')
    expect(nextStep('columns')).toBe('options')
    expect(nextStep('source')).toBeNull()
    expect(previousStep('options')).toBe('columns')
    expect(previousStep('columns')).toBeNull()
  })

  it('finds the step where an error is fixed', () => {
    expect(stepOfErrors({ 'questionnaire.source': ['x'] })).toBe('source')
    expect(stepOfErrors({ questionnaire: ['x'], 'mapping.Email': ['y'] })).toBe('columns')
    expect(stepOfErrors({ contact_class_id: ['x'] })).toBe('options')
    expect(stepOfErrors({ mappings: ['not ours'] })).toBeNull()
    expect(errorsUnder({ 'questionnaire.source': ['a', 'b'], questionnaire: ['c'], 'options.tags': ['d'] }, 'questionnaire')).toEqual({
      source: 'a b',
      '': 'c',
    })
  })
})
