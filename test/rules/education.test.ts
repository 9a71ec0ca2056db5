import { describe, expect, test } from 'vitest'
import {
  educationDegree,
  educationDiploma,
  educationFallbackReason,
  educationRules,
  educationVerification,
  educationVerificationCode,
  educationVerificationExpired,
} from '../../src/rules/education.js'
import { ruleCases } from '../helpers/rule-cases.js'

const FALLBACK = { kind: '毕业生登记表', file: 'files/毕业生登记表.pdf', unavailable_reason: '2001年前毕业，学信网无电子注册记录' }

describe('education rules', () => {
  test('are registered in RULES.md order with their meta', () => {
    expect(educationRules.map((r) => [r.id, r.severity, r.clause, r.area])).toEqual([
      ['education.diploma', 'error', '四（一）2', 'education'],
      ['education.degree', 'warning', '四（一）2', 'education'],
      ['education.verification', 'error', '四（一）2', 'education'],
      ['education.fallback-reason', 'error', '四（一）2', 'education'],
      ['education.verification-code', 'warning', '四（一）2', 'education'],
      ['education.verification-expired', 'warning', '四（一）2', 'education'],
    ])
  })
})

ruleCases(educationDiploma, {
  fires: [
    { name: 'no education section', set: { education: undefined }, expect: [{ messageId: 'noEducation', at: 'education' }] },
    { name: 'education without diploma', set: { 'education.diploma': undefined }, expect: [{ messageId: 'missing', at: 'education.diploma', data: { level: '本科' } }] },
  ],
  silent: [
    { name: 'the base package' },
    { name: '大专 with a diploma and nothing else', set: { 'education.level': '大专', 'education.degree': undefined, 'education.verification': undefined } },
  ],
  edge: [
    {
      name: 'a diploma with the 毕业生登记表 fallback is still a diploma',
      set: { 'education.verification': FALLBACK },
      expect: [],
    },
    { name: 'the level shown is the package level', set: { 'education.level': '硕士研究生', 'education.diploma': undefined }, expect: [{ messageId: 'missing', data: { level: '硕士研究生' } }] },
  ],
})

ruleCases(educationDegree, {
  fires: [
    { name: '本科 without degree', set: { 'education.degree': undefined }, expect: [{ messageId: 'missing', at: 'education.degree', data: { level: '本科' } }] },
    { name: '博士研究生 without degree', set: { 'education.level': '博士研究生', 'education.degree': undefined }, expect: [{ messageId: 'missing', data: { level: '博士研究生' } }] },
  ],
  silent: [
    { name: 'the base package (本科 with degree)' },
    { name: '大专 without degree (no degree expected)', set: { 'education.level': '大专', 'education.degree': undefined } },
    { name: '中专 without degree', set: { 'education.level': '中专', 'education.degree': undefined } },
    { name: 'no education section is education.diploma’s finding', set: { education: undefined } },
  ],
  edge: [
    {
      name: 'the expected levels come from the policy',
      set: { 'education.level': '大专', 'education.degree': undefined },
      policy: (p) => {
        p.values.education.degree_expected_levels = ['博士研究生', '硕士研究生', '本科', '大专']
      },
      expect: [{ messageId: 'missing', data: { level: '大专' } }],
    },
    {
      name: 'policy without 本科 in the list',
      set: { 'education.degree': undefined },
      policy: (p) => {
        p.values.education.degree_expected_levels = ['博士研究生', '硕士研究生']
      },
      expect: [],
    },
  ],
})

ruleCases(educationVerification, {
  fires: [
    { name: 'no education section', set: { education: undefined }, expect: [{ messageId: 'noEducation', at: 'education' }] },
    {
      name: 'no verification at all',
      set: { 'education.verification': undefined },
      expect: [{ messageId: 'missing', at: 'education.verification', data: { level: '本科', fallback: '毕业生登记表', kinds: ['学历证书电子注册备案表', '学籍在线验证报告'] } }],
    },
    {
      name: 'a report kind without its scan',
      set: { 'education.verification.file': undefined },
      expect: [{ messageId: 'noFile', at: 'education.verification.file', data: { kind: '学历证书电子注册备案表' } }],
    },
    {
      name: 'graduated in 1998 without verification: point to the 毕业生登记表',
      set: { 'education.graduated': '1998-07-01', 'education.verification': undefined },
      expect: [{ messageId: 'missingEarly', at: 'education.verification', data: { graduated: '1998-07-01', from: 2001, fallback: '毕业生登记表' } }],
    },
  ],
  silent: [
    { name: 'the base package (备案表 with scan)' },
    { name: '学籍在线验证报告 with scan', set: { 'education.verification.kind': '学籍在线验证报告' } },
    { name: '毕业生登记表 with scan and reason', set: { 'education.verification': FALLBACK } },
    { name: '毕业生登记表 with scan but no reason is fallback-reason’s finding', set: { 'education.verification': { kind: '毕业生登记表', file: 'files/毕业生登记表.pdf' } } },
  ],
  edge: [
    {
      name: 'the 毕业生登记表 without its scan is not named either',
      set: { 'education.verification': { kind: '毕业生登记表', unavailable_reason: '查无记录' } },
      expect: [{ messageId: 'noFile', data: { kind: '毕业生登记表' } }],
    },
    {
      name: 'graduated in 2001, the first registered year: the ordinary message',
      set: { 'education.graduated': '2001-06-30', 'education.verification': undefined },
      expect: [{ messageId: 'missing' }],
    },
    {
      name: 'no graduation date: the ordinary message',
      set: { 'education.graduated': undefined, 'education.verification': undefined },
      expect: [{ messageId: 'missing' }],
    },
    {
      name: 'the registration year comes from the policy',
      set: { 'education.graduated': '2000-07-01', 'education.verification': undefined },
      policy: (p) => {
        p.values.education.electronic_registration_from = 2000
      },
      expect: [{ messageId: 'missing' }],
    },
  ],
})

ruleCases(educationFallbackReason, {
  fires: [
    {
      name: '毕业生登记表 without a reason',
      set: { 'education.verification': { kind: '毕业生登记表', file: 'files/毕业生登记表.pdf' } },
      expect: [{ messageId: 'missing', at: 'education.verification.unavailable_reason', data: { kind: '毕业生登记表', from: 2001 } }],
    },
    {
      name: '毕业生登记表 with an empty reason',
      set: { 'education.verification': { kind: '毕业生登记表', file: 'files/毕业生登记表.pdf', unavailable_reason: '' } },
      expect: [{ messageId: 'missing' }],
    },
  ],
  silent: [
    { name: 'the base package (备案表)' },
    { name: '毕业生登记表 with a reason', set: { 'education.verification': FALLBACK } },
    { name: 'no verification is education.verification’s finding', set: { 'education.verification': undefined } },
    { name: 'no education section', set: { education: undefined } },
  ],
  edge: [
    {
      name: 'a reason of only spaces is no reason',
      set: { 'education.verification': { kind: '毕业生登记表', file: 'files/毕业生登记表.pdf', unavailable_reason: '  　' } },
      expect: [{ messageId: 'missing' }],
    },
    { name: 'a 学信网 report needs no reason', set: { 'education.verification.unavailable_reason': '' }, expect: [] },
  ],
})

ruleCases(educationVerificationCode, {
  fires: [
    {
      name: 'a 12-digit code is an old report',
      set: { 'education.verification.code': '123456789012' },
      expect: [{ messageId: 'oldCode', at: 'education.verification.code', data: { code: '123456789012', length: 12, kind: '学历证书电子注册备案表' } }],
    },
    {
      name: 'a short code',
      set: { 'education.verification.code': 'A1B2C3' },
      expect: [{ messageId: 'badCode', at: 'education.verification.code', data: { code: 'A1B2C3', length: 6 } }],
    },
    {
      name: 'lower-case letters',
      set: { 'education.verification.code': 'a1b2c3d4e5f6g7h8' },
      expect: [{ messageId: 'badCode', data: { length: 16 } }],
    },
  ],
  silent: [
    { name: 'the base package (16 characters)' },
    { name: 'an empty code', set: { 'education.verification.code': '' } },
    { name: 'no code', set: { 'education.verification.code': undefined } },
    { name: '16 digits are 16 characters A–Z/0–9', set: { 'education.verification.code': '1234567890123456' } },
    { name: 'the 毕业生登记表 has no online code', set: { 'education.verification': { ...FALLBACK, code: '123' } } },
  ],
  edge: [
    { name: '17 characters', set: { 'education.verification.code': 'A1B2C3D4E5F6G7H8J' }, expect: [{ messageId: 'badCode', data: { length: 17 } }] },
    { name: '12 letters are not the old digit form', set: { 'education.verification.code': 'ABCDEFGHIJKL' }, expect: [{ messageId: 'badCode', data: { length: 12 } }] },
    { name: 'spaces around a good code are ignored', set: { 'education.verification.code': ' A1B2C3D4E5F6G7H8 ' }, expect: [] },
    {
      name: 'the pattern comes from the policy',
      policy: (p) => {
        p.values.education.verification_code_pattern = '^[A-Z0-9]{20}$'
      },
      expect: [{ messageId: 'badCode', data: { code: 'A1B2C3D4E5F6G7H8', length: 16 } }],
    },
  ],
})

ruleCases(educationVerificationExpired, {
  fires: [
    {
      name: 'valid until 2024-09-30, review ends 2024-10-15',
      set: { 'education.verification.valid_until': '2024-09-30' },
      expect: [{ messageId: 'expiresBeforeReview', at: 'education.verification.valid_until', data: { validUntil: '2024-09-30', reviewEnd: '2024-10-15' } }],
    },
    {
      name: 'already expired today',
      set: { 'education.verification.valid_until': '2024-08-01' },
      expect: [{ messageId: 'expired', data: { validUntil: '2024-08-01', today: '2024-08-05', reviewEnd: '2024-10-15' } }],
    },
  ],
  silent: [
    { name: 'the base package (valid until 2024-12-31)' },
    { name: 'valid exactly until the review end', set: { 'education.verification.valid_until': '2024-10-15' } },
    { name: 'no validity given', set: { 'education.verification.valid_until': undefined } },
    { name: 'no verification', set: { 'education.verification': undefined } },
  ],
  edge: [
    { name: 'one day before the review end', set: { 'education.verification.valid_until': '2024-10-14' }, expect: [{ messageId: 'expiresBeforeReview' }] },
    { name: 'valid through today is not yet expired', set: { 'education.verification.valid_until': '2024-08-05' }, expect: [{ messageId: 'expiresBeforeReview' }] },
    {
      name: 'the review end comes from the policy',
      policy: (p) => {
        p.values.timeline.review_period.end = '2025-01-31'
      },
      expect: [{ messageId: 'expiresBeforeReview', data: { validUntil: '2024-12-31', reviewEnd: '2025-01-31' } }],
    },
  ],
})
