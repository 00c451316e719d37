// What officers and residents read of the Zalo channel (Vietnamese first, English for the console and logs).

export const ZALO_TEXTS = {
  /** Why a reply was not sent: Zalo refuses cs messages 7 days after the resident's last one (-230), or to a banned user (-227). */
  windowClosed: 'Người dân chưa nhắn trong 7 ngày — Zalo không cho gửi',
  /** Why a residential group's Zalo link broke (-237 GMF asset expired, -403 OA not in the group), as the groups tab shows it. */
  groupExpired:
    'Nhóm Zalo đã hết hạn hoặc OA không còn trong nhóm — Zalo không cho gửi. Kiểm tra gói nhóm (GMF) của OA rồi liên kết lại.',
  /** Why a merged unit's group's Zalo link is broken: it was made for the merged unit's OA. */
  groupUnitMerged:
    'Đơn vị đã sáp nhập — nhóm Zalo này được liên kết với OA của đơn vị cũ. Thêm OA của đơn vị mới vào nhóm rồi liên kết lại.',
  /** The lines under a post sent to a Zalo group: where to read it, and its code to check it is ours. */
  postLink: 'Xem chi tiết',
  postCode: 'Mã xác minh',
  /** The author the inbox shows for a reply typed in Zalo's own OA manager. */
  fromZaloOa: 'từ Zalo OA',
  /** Stand-ins for what a resident sent that is stored as text. */
  image: '[Hình ảnh]',
  file: '[Tệp đính kèm]',
  audio: '[Tin nhắn thoại]',
  sticker: '[Nhãn dán]',
  location: '[Vị trí]',
  gif: '[Ảnh động]',
  other: '[Tin nhắn Zalo]',
  en: {
    windowClosed: 'The resident has not written in 7 days — Zalo does not allow sending',
    groupExpired:
      "The Zalo group has expired or the OA is no longer in it — Zalo does not allow sending. Check the OA's group package (GMF), then link again.",
    groupUnitMerged:
      "The unit was merged — this Zalo group was linked for the former unit's OA. Add the new unit's OA to the group, then link again.",
    postLink: 'Read more',
    postCode: 'Verification code',
    fromZaloOa: 'from Zalo OA',
    image: '[Image]',
    file: '[File]',
    audio: '[Voice message]',
    sticker: '[Sticker]',
    location: '[Location]',
    gif: '[GIF]',
    other: '[Zalo message]',
  },
} as const;
