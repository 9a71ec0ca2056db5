import { redactionClassified, redactionFlags } from '../../src/rules/redaction/flags.js'
import { ruleCases } from '../helpers/rule-cases.js'

ruleCases(redactionFlags, {
  fires: [
    { name: 'name not ticked', set: { 'redaction.name': false }, expect: [{ messageId: 'name', at: 'redaction.name' }] },
    { name: 'photo not ticked', set: { 'redaction.photo': false }, expect: [{ messageId: 'photo', at: 'redaction.photo' }] },
    { name: 'employer not ticked', set: { 'redaction.employer': false }, expect: [{ messageId: 'employer', at: 'redaction.employer' }] },
    {
      name: 'one finding per item, in the notice order',
      set: { 'redaction.employer': false, 'redaction.name': false },
      expect: [
        { messageId: 'name', at: 'redaction.name' },
        { messageId: 'employer', at: 'redaction.employer' },
      ],
    },
  ],
  silent: [{ name: 'the base package (all ticked)' }, { name: 'classified material is another rule', set: { 'redaction.classified_material': 'classified' } }],
  edge: [
    { name: 'an absent item counts as not ticked', set: { 'redaction.photo': undefined }, expect: [{ messageId: 'photo', at: 'redaction.photo' }] },
    {
      name: 'no redaction section: all three',
      set: { redaction: undefined },
      expect: [{ messageId: 'name' }, { messageId: 'photo' }, { messageId: 'employer' }],
    },
  ],
})

ruleCases(redactionClassified, {
  fires: [
    { name: 'classified, not declassified', set: { 'redaction.classified_material': 'classified' }, expect: [{ messageId: 'classified', at: 'redaction.classified_material' }] },
  ],
  silent: [
    { name: 'the base package (none)' },
    { name: 'declassified', set: { 'redaction.classified_material': 'declassified' } },
  ],
  edge: [
    { name: 'not declared at all is not classified', set: { 'redaction.classified_material': undefined }, expect: [] },
    { name: 'no redaction section', set: { redaction: undefined }, expect: [] },
  ],
})
