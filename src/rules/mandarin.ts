import { defineRule } from './define-rule.js'
import { gradeRank } from './shared/mandarin-grade.js'

export const mandarinRequired = defineRule({
  id: 'mandarin.required',
  area: 'mandarin',
  severity: 'error',
  clause: '四（一）5',
  policy: ['mandarin.required_for_employer_types'],
  description: { zh: '事业单位申报人须上传普通话水平测试等级证书', en: 'Applicants from public institutions must upload a Mandarin certificate' },
  messages: {
    missing: { zh: '{employerType}申报人没有普通话等级证书', en: 'no Mandarin certificate for a {employerType} applicant' },
    noFile: { zh: '普通话等级（{grade}）已填写，但没有上传证书扫描件', en: 'Mandarin grade {grade} is given but no certificate scan is named' },
  },
  fix: {
    zh: '在 mandarin.certificate 写上普通话证书扫描件，上传到“其他附件或证明材料”栏目',
    en: 'name the certificate scan in mandarin.certificate and upload it under 其他附件或证明材料',
  },
  examples: {
    fail: { zh: 'applicant:\n  employer_type: 事业单位\nmandarin:          # 没有普通话证书', en: 'applicant:\n  employer_type: 事业单位\nmandarin:          # no Mandarin certificate' },
    pass: 'applicant:\n  employer_type: 事业单位\nmandarin:\n  grade: 二级甲等\n  certificate: files/普通话证书.jpg',
  },
  check({ data, policy }) {
    const type = data.applicant.employer_type
    if (!policy.mandarin.required_for_employer_types.includes(type)) return []
    if (!data.mandarin) return [{ messageId: 'missing', data: { employerType: type }, at: 'mandarin' }]
    if (!data.mandarin.certificate) return [{ messageId: 'noFile', data: { grade: data.mandarin.grade }, at: 'mandarin' }]
    return []
  },
})

export const mandarinGrade = defineRule({
  id: 'mandarin.grade',
  area: 'mandarin',
  severity: 'error',
  clause: '四（一）5',
  policy: ['mandarin.minimum_by_post', 'mandarin.grades', 'mandarin.required_for_employer_types'],
  description: {
    zh: '事业单位申报人的普通话等级低于岗位要求的最低等级（按岗位，见政策）',
    en: 'A public-institution applicant’s Mandarin grade is below the minimum for the post',
  },
  messages: {
    below: { zh: '普通话等级（{grade}）低于岗位“{post}”的最低要求{min}', en: 'Mandarin {grade} is below {min}, the minimum for the post "{post}"' },
  },
  fix: { zh: '取得{min}及以上等级证书后上传', en: 'obtain a certificate of {min} or higher and upload it' },
  examples: {
    fail: { zh: 'applicant:\n  post: 播音员主持人\nmandarin:\n  grade: 三级甲等   # 岗位要求二级乙等', en: 'applicant:\n  post: 播音员主持人\nmandarin:\n  grade: 三级甲等   # the post needs 二级乙等' },
    pass: 'applicant:\n  post: 播音员主持人\nmandarin:\n  grade: 二级乙等',
  },
  check({ data, policy }) {
    const m = data.mandarin
    if (!m) return [] // absence is mandarin.required's finding
    // 四（一）5 opens 事业单位专业技术人员申报职称: the minimums bind the types mandarin.required asks
    // (a 企业 broadcaster's grade is mandarin.post-advisory's warning).
    if (!policy.mandarin.required_for_employer_types.includes(data.applicant.employer_type)) return []
    const post = data.applicant.post ?? '其他'
    const min = policy.mandarin.minimum_by_post[post]
    if (min === undefined) return []
    const grades = policy.mandarin.grades
    if (gradeRank(m.grade, grades) <= gradeRank(min, grades)) return []
    return [{ messageId: 'below', data: { grade: m.grade, post, min }, at: 'mandarin.grade' }]
  },
})

export const mandarinPostAdvisory = defineRule({
  id: 'mandarin.post-advisory',
  area: 'mandarin',
  severity: 'warning',
  clause: '四（一）5',
  policy: ['mandarin.advisory_posts', 'mandarin.minimum_by_post', 'mandarin.grades', 'mandarin.required_for_employer_types'],
  description: {
    zh: '非事业单位的播音员、主持人普通话等级低于岗位等级：通知的要求针对事业单位，这里只作提醒（对通知的理解，待核实）',
    en: 'A broadcaster outside a public institution has a grade below the post’s: the notice binds public institutions, so this is a reminder (a reading, to confirm)',
  },
  messages: {
    below: {
      zh: '普通话等级（{grade}）低于“{post}”岗位的{min}；通知的普通话要求针对事业单位，{employerType}的{post}按行业持证上岗要求通常也须达到（对通知的一种理解，待核实）',
      en: 'Mandarin {grade} is below {min} for the post "{post}"; the notice’s requirement binds public institutions, but a {employerType} broadcaster is usually held to it by the industry’s licensing (a reading of the notice, to confirm)',
    },
  },
  fix: {
    zh: '向职称办或行业主管部门确认{employerType}的{post}是否须达到{min}；需要的，取得{min}及以上等级证书后上传',
    en: 'ask the title office or the department in charge whether a {employerType} broadcaster needs {min}; if so, obtain a certificate of {min} or higher and upload it',
  },
  examples: {
    fail: { zh: 'applicant:\n  employer_type: 企业\n  post: 播音员主持人\nmandarin:\n  grade: 三级甲等   # 岗位等级是二级乙等', en: 'applicant:\n  employer_type: 企业\n  post: 播音员主持人\nmandarin:\n  grade: 三级甲等   # the post’s grade is 二级乙等' },
    pass: 'applicant:\n  employer_type: 企业\n  post: 播音员主持人\nmandarin:\n  grade: 二级乙等',
  },
  check({ data, policy }) {
    const m = data.mandarin
    const employerType = data.applicant.employer_type
    const post = data.applicant.post ?? '其他'
    if (!m || policy.mandarin.required_for_employer_types.includes(employerType)) return []
    if (!policy.mandarin.advisory_posts.includes(post)) return []
    const min = policy.mandarin.minimum_by_post[post]
    if (min === undefined) return []
    const grades = policy.mandarin.grades
    if (gradeRank(m.grade, grades) <= gradeRank(min, grades)) return []
    return [{ messageId: 'below', data: { grade: m.grade, post, min, employerType }, at: 'mandarin.grade' }]
  },
})
