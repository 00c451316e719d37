// What residents read from the system (Vietnamese first). Keep every resident-facing string here.

export const TEXTS = {
  /** Posted when the assistant hands the conversation over to the unit's officers. */
  handover: 'Cán bộ sẽ trả lời bạn sớm. Bạn vui lòng chờ trong giây lát.',
  /** Same, for emergencies: the assistant's answer already gave the hotline. */
  handoverEmergency: 'Cán bộ sẽ trả lời bạn sớm. Nếu nguy hiểm đang xảy ra, hãy gọi ngay 113.',
  /** The ask box, when a handover could not reach an officer (no conversation could be opened). */
  notHandedOver:
    'Tin nhắn này chưa được chuyển tới cán bộ. Bạn hãy gọi điện hoặc đến trực tiếp Công an xã/phường để được hỗ trợ.',
  /** Same, after an emergency answer's first line (the number to call). */
  emergencyNotHandedOver: 'Tin nhắn này chưa được chuyển tới cán bộ: hãy gọi ngay số điện thoại trên.',
  dangerNow: 'Nếu việc đang xảy ra và nguy hiểm, gọi ngay 113.',
  /** Posted when the resident sends a message of theirs to the tip desk from the conversation. */
  tipSent: (code: string) =>
    `Đã gửi thành tin báo ${code}. Bạn theo dõi tin báo bằng mã này ở trang "Theo dõi tin báo".`,
  /** English translations, for the console, logs and the ask box in English. */
  en: {
    handover: 'An officer will answer you soon. Please wait a moment.',
    handoverEmergency: 'An officer will answer you soon. If you are in danger now, call 113.',
    notHandedOver:
      'This message has not been passed to an officer. Please call or visit your ward or commune police for help.',
    emergencyNotHandedOver: 'This message has not been passed to an officer: call the number above now.',
    dangerNow: 'If it is happening now and dangerous, call 113 now.',
    tipSent: (code: string) => `Sent as tip ${code}. Follow it up with this code on the "Follow up a tip" page.`,
  },
} as const;
