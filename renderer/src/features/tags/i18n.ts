// Ticket tags (标签). `tagsEn` must have exactly these keys.
export const tagsZhCN = {
  command: '标签…',
  title: '标签',
  titleBulk: '给 {{count}} 个会话加/去标签',
  placeholder: '输入标签，回车添加；选中已有标签回车移除',
  add: '添加',
  remove: '移除',
  create: '新标签',
};

export const tagsEn: typeof tagsZhCN = {
  command: 'Tags…',
  title: 'Tags',
  titleBulk: 'Tag {{count}} conversations',
  placeholder: 'Type a tag and press Enter; Enter on a tag it has removes it',
  add: 'Add',
  remove: 'Remove',
  create: 'New tag',
};
