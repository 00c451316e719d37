// What residents read from the system (Vietnamese first). Keep every resident-facing string here.

export const TEXTS = {
  /** Posted when the assistant hands the conversation over to the unit's officers. */
  handover: 'Cán bộ sẽ trả lời bạn sớm. Bạn vui lòng chờ trong giây lát.',
  /** Same, for emergencies: the assistant's answer already gave the hotline. */
  handoverEmergency: 'Cán bộ sẽ trả lời bạn sớm. Nếu nguy hiểm đang xảy ra, hãy gọi ngay 113.',
  /** English translations, for the console and logs. */
  en: {
    handover: 'An officer will answer you soon. Please wait a moment.',
    handoverEmergency: 'An officer will answer you soon. If you are in danger now, call 113.',
  },
} as const;
