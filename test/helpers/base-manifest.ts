// The package every rule case starts from: valid, complete, and clean under aksu-2024 on
// BASE_TODAY. examples/clean/manifest.yaml is this manifest with real scans beside it.
export const BASE_TODAY = '2024-08-05'

export function baseManifest(): Record<string, any> {
  return {
    version: 1,
    policy: 'aksu-2024',
    applicant: {
      name: '欧阳明远',
      name_variants: ['欧阳 明远', 'Ouyang Mingyuan'],
      employer: '阿克苏地区融媒体中心',
      employer_variants: ['地区融媒体中心'],
      employer_type: '事业单位',
      series: '新闻',
      title: '主任编辑',
      post: '其他',
      path: '定向评价',
      work_start: '2009-07-01',
      current_title: { title: '编辑', obtained: '2017-12-20', appointed: '2018-01-01' },
    },
    education: {
      level: '本科',
      graduated: '2009-06-30',
      diploma: 'files/学历证书.pdf',
      degree: 'files/学位证书.pdf',
      verification: {
        kind: '学历证书电子注册备案表',
        file: 'files/学信网备案表.pdf',
        code: 'A1B2C3D4E5F6G7H8',
        valid_until: '2024-12-31',
      },
    },
    continuing_education: {
      years: {
        2021: { public: { hours: 30, certificate: 'files/继续教育/2021公需课.pdf' }, professional: { hours: 60, source: 'system' } },
        2022: { public: { hours: 30, source: 'system' }, professional: { hours: 60, source: 'system' } },
        2023: { public: { hours: 30, source: 'system' }, professional: { hours: 60, source: 'system' } },
        2024: { public: { hours: 30, source: 'system' }, professional: { hours: 60, source: 'system' } },
      },
    },
    mandarin: { grade: '二级甲等', certificate: 'files/普通话证书.jpg' },
    redaction: { name: true, photo: true, employer: true, classified_material: 'none' },
    attachments: {
      unit_publicity: 'files/附件/单位公示.pdf',
      publicity_result: 'files/附件/公示结果.pdf',
      recommendation: 'files/附件/单位推荐意见.pdf',
      commitment: 'files/附件/个人承诺书.pdf',
    },
    // 2024-07-10 (Wed) … 07-16 (Tue): exactly 5 working days.
    publicity: { start: '2024-07-10', end: '2024-07-16', objections: false },
    submission: { history: [{ submitted: '2024-07-25' }], fee_paid: '2024-08-01' },
    achievements: [{ title: '代表作一', file: 'files/业绩/代表作一.pdf' }],
  }
}
