// The one place that says who gives these talks: the index, every cover slide,
// the PDFs' author field and the feed all read it from here.
export const speaker = {
  name: 'Alexys Jacob',
  handle: 'ultrabug',
  role: 'CTO, Numberly',
  bio: 'Gentoo Linux developer, author of uhashring and py3status. Talks about architecture, distributed systems, fault tolerance and scaling Python.',
  links: {
    github: 'https://github.com/ultrabug',
    twitter: 'https://twitter.com/ultrabug',
  },
} as const

export type Speaker = typeof speaker
