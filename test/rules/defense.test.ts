import { defenseExemptionProof, defenseRequired } from '../../src/rules/defense.js'
import { ruleCases } from '../helpers/rule-cases.js'

const exempt = (reason: string, proof?: string) => ({ defense: proof ? { exemption: reason, proof } : { exemption: reason } })

ruleCases(defenseRequired, {
  fires: [
    { name: 'the base package (主任编辑, 副高级)', expect: [{ messageId: 'required', at: 'applicant.title', data: { title: '主任编辑', level: '副高级' } }] },
    { name: '正高级 高级记者', set: { 'applicant.title': '高级记者' }, expect: [{ messageId: 'required', data: { level: '正高级' } }] },
    {
      name: 'exempted, with the reason',
      set: exempt('驻村', 'files/驻村证明.pdf'),
      expect: [{ messageId: 'exempted', at: 'defense.exemption', data: { reason: '驻村', level: '副高级' } }],
    },
  ],
  silent: [
    { name: '中级 记者 takes no defense', set: { 'applicant.title': '记者' } },
    { name: '初级 助理记者 takes no defense', set: { 'applicant.title': '助理记者' } },
    { name: '中级 with an exemption says nothing either', set: { 'applicant.title': '记者', ...exempt('驻村', 'files/驻村证明.pdf') } },
    { name: 'an unknown title is title.unknown\'s', set: { 'applicant.title': '播音指导' } },
  ],
  edge: [
    {
      name: 'an alias resolves: 文学创作二级 is 副高级',
      set: { 'applicant.series': '文学创作', 'applicant.title': '文学创作二级' },
      expect: [{ messageId: 'required', data: { title: '二级文学创作', level: '副高级' } }],
    },
    {
      name: 'the levels come from the policy (only 正高级)',
      policy: (p) => {
        p.values.defense.required_levels = ['正高级']
      },
      expect: [],
    },
    {
      name: 'a reason the policy does not list is no exemption',
      set: exempt('挂职兼职', 'files/挂职证明.pdf'),
      policy: (p) => {
        p.values.defense.exemption_reasons = ['驻村']
      },
      expect: [{ messageId: 'exemptionNotListed', at: 'defense.exemption', data: { reason: '挂职兼职', reasons: ['驻村'] } }],
    },
    {
      // The manifest schema takes any reason (the policy decides), so this is reachable with the
      // shipped policy, not only with an edited one.
      name: 'a reason outside the shipped policy’s list reaches this rule',
      set: exempt('援疆', 'files/援疆证明.pdf'),
      expect: [{ messageId: 'exemptionNotListed', at: 'defense.exemption', data: { reason: '援疆', reasons: ['驻村', '驻村宗教', '南疆学前教育支教', '内地服务管理', '合作社', '村两委', '挂职兼职', '离岗创新创业'] } }],
    },
  ],
})

ruleCases(defenseExemptionProof, {
  fires: [
    { name: 'exemption without proof', set: exempt('驻村'), expect: [{ messageId: 'noProof', at: 'defense.exemption', data: { reason: '驻村' } }] },
    { name: '正高级, 村两委, no proof', set: { 'applicant.title': '高级编辑', ...exempt('村两委') }, expect: [{ messageId: 'noProof', data: { reason: '村两委' } }] },
  ],
  silent: [
    { name: 'the base package (no exemption)' },
    { name: 'exemption with proof', set: exempt('驻村', 'files/驻村证明.pdf') },
    { name: 'proof without exemption is not this rule', set: { defense: { proof: 'files/驻村证明.pdf' } } },
  ],
  edge: [
    { name: '中级 takes no defense, so a bare exemption is moot', set: { 'applicant.title': '记者', ...exempt('驻村') }, expect: [] },
    { name: 'a reason the policy does not accept is no exemption: defense.required says so, no proof is asked', set: exempt('援疆'), expect: [] },
    { name: 'an unknown title still needs the proof', set: { 'applicant.title': '主任编缉', ...exempt('驻村') }, expect: [{ messageId: 'noProof' }] },
    {
      name: 'policy: 副高级 without a defense makes the exemption moot',
      set: exempt('驻村'),
      policy: (p) => {
        p.values.defense.required_levels = ['正高级']
      },
      expect: [],
    },
  ],
})
