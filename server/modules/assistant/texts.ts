import type { ASK_LANGUAGES, Aspect, DangerKind, Intent, ProcedureId } from '../../../contracts/assistant.js';

/** Language of the fixed replies (AskRequest.lang). */
export type AskLanguage = (typeof ASK_LANGUAGES)[number];

// Every fixed text of the assistant's replies: Vietnamese (the residents' channel language) and an
// English catalogue with the same keys, used when the ask box is in English. Procedure facts come from
// the knowledge base, which is Vietnamese only: an English reply frames them in English but quotes
// them as stored. Quick-reply questions (`aspectQuestion`) stay Vietnamese in both: they are sent back
// to the classifier, which reads Vietnamese.

const VI_TEXTS = {
  unverifiedCaveat:
    'Thông tin tham khảo — vui lòng kiểm tra lại với cán bộ Công an xã/phường trước khi đi làm thủ tục.',
  genericWhere: 'Công an cấp xã nơi cư trú',
  notUpdated: 'chưa cập nhật',
  legalBasis: (text: string) => `Căn cứ: ${text}.`,
  lastChecked: (date: string) => `Cập nhật: ${date}`,
  unitNote: (unitName: string, note: string) => `Lưu ý của ${unitName}: ${note}`,

  // Aspects of a procedure.
  aspectTitle: {
    overview: 'Thông tin chung',
    documents: 'Hồ sơ cần chuẩn bị',
    fee: 'Lệ phí',
    time: 'Thời gian giải quyết',
    where: 'Nơi nộp hồ sơ',
    online: 'Nộp trực tuyến',
    form: 'Mẫu tờ khai',
    deadline: 'Thời hạn phải làm',
  } satisfies Record<Aspect, string>,
  documentsForms: (codes: string) => `Mẫu tờ khai: ${codes}.`,
  feeOnDate: (date: string) => `Mức lệ phí áp dụng ngày ${date}:`,
  feeFree: 'miễn phí',
  feeUntil: (date: string) => `đến hết ${date}`,
  feeFrom: (date: string) => `Từ ${date}`,
  feeCondition: (condition: string) => `điều kiện: ${condition}`,
  feeUpcoming: 'Sắp thay đổi:',
  feeAskOfficer: 'Mức lệ phí này cần hỏi lại cán bộ.',
  feeRuleAskOfficer: 'mức lệ phí này cần hỏi lại cán bộ',
  whereAtUnit: (unitName: string) => `Bạn có thể nộp hồ sơ tại ${unitName}.`,
  whereGeneric: 'Bạn nộp hồ sơ tại Công an cấp xã nơi cư trú.',
  whereRules: 'Theo quy định:',
  whereElsewhere: 'Nơi giải quyết thủ tục này:',
  address: (v: string) => `Địa chỉ: ${v}`,
  openingHours: (v: string) => `Giờ làm việc: ${v}`,
  phone: (v: string) => `Điện thoại: ${v}`,
  hotline: (v: string) => `Đường dây nóng: ${v}`,
  onlineYes: 'Có thể nộp trực tuyến qua:',
  onlineAccount: 'Cần tài khoản định danh điện tử (VNeID) mức 2 để đăng nhập.',
  onlineLink: (url: string) => `Địa chỉ: ${url}`,
  onlineNo: 'Thủ tục này chưa nộp trực tuyến được; bạn cần đến trực tiếp:',
  formNone: 'Thủ tục này không có mẫu tờ khai riêng.',
  formIntro: 'Các mẫu giấy tờ sử dụng:',
  overviewWho: 'Đối tượng:',
  overviewTime: (v: string) => `Thời gian: ${v}`,
  overviewFee: (v: string) => `Lệ phí hôm nay: ${v}`,
  childUnder14:
    'Với trẻ dưới 14 tuổi, thủ tục là cấp thẻ căn cước cho người dưới 14 tuổi (cha mẹ hoặc người giám hộ làm):',
  procedureMissing: 'Xin lỗi, tôi chưa có thông tin về thủ tục này. Bạn có thể hỏi trực tiếp cán bộ Công an xã/phường.',

  // Low confidence.
  clarify: 'Xin lỗi, tôi chưa chắc bạn muốn hỏi điều gì. Có phải bạn hỏi về:',
  clarifyPick: 'Bạn hãy chọn một mục bên dưới, hoặc hỏi lại rõ hơn.',
  /** Last line of every unsure or unknown reply. */
  unsureDanger: 'Nếu việc đang xảy ra và nguy hiểm, gọi ngay 113.',

  // Emergencies: the first line holds the number the danger needs.
  emergencyCall: {
    fire: 'Gọi ngay 114 (Cứu nạn, cứu hộ): cháy, nổ, khói, rò rỉ khí gas hoặc có người mắc kẹt, gặp nạn.',
    medical: 'Gọi ngay 115 (Cấp cứu): có người bị thương, bất tỉnh, co giật hoặc ngộ độc.',
    police: 'Gọi ngay 113 (Công an): có bạo lực, đe dọa hoặc tội phạm đang xảy ra.',
    unclear: 'Gọi ngay 113 (Công an), 114 (Cứu nạn, cứu hộ) hoặc 115 (Cấp cứu) tùy việc đang xảy ra.',
  } satisfies Record<DangerKind, string>,
  emergencyOtherNumbers: {
    fire: 'Có người bị thương: gọi 115 (Cấp cứu). Có bạo lực hoặc tội phạm: gọi 113 (Công an).',
    medical: 'Có cháy, khói, khí gas: gọi 114. Có bạo lực hoặc tội phạm: gọi 113 (Công an).',
    police: 'Có người bị thương: gọi 115 (Cấp cứu). Có cháy: gọi 114.',
    unclear: null,
  } satisfies Record<DangerKind, string | null>,
  emergencyUnitHotline: (unitName: string, hotline: string) => `Đường dây nóng của ${unitName}: ${hotline}.`,
  emergencyHandover: 'Tin nhắn của bạn đã được chuyển tới cán bộ trực. Hãy giữ an toàn cho bản thân trước.',

  // Tips and scams.
  scamWarning:
    'Công an không bao giờ yêu cầu chuyển tiền, cung cấp mã OTP hay cài ứng dụng qua điện thoại, tin nhắn hoặc mạng xã hội; đừng chuyển tiền, đừng đọc mã OTP, đừng cài ứng dụng hay bấm đường link người lạ gửi.',
  scamAlreadyPaid: 'Nếu đã lỡ chuyển tiền hoặc đọc mã OTP, hãy gọi ngay ngân hàng của bạn để khóa tài khoản.',
  tipThanks: 'Cảm ơn bạn đã báo tin cho Công an.',
  tipHow: (unitName: string) =>
    `Bạn hãy mô tả sự việc ngay tại đây (xảy ra ở đâu, khi nào, những ai liên quan, có hình ảnh không). Tin báo sẽ được chuyển tới cán bộ ${unitName} xem xét, xử lý.`,
  tipAnonymous: 'Bạn có thể báo tin giấu tên: không bắt buộc để lại họ tên hay số điện thoại.',
  tipHotline: (hotline: string) => `Cần báo gấp, gọi đường dây nóng: ${hotline}.`,
  tipEmergency: 'Nếu sự việc đang xảy ra và có nguy hiểm, gọi ngay 113.',

  // Other intents.
  unitInfoTitle: (unitName: string) => `Thông tin ${unitName}:`,
  unitInfoUnknown:
    'Bạn hỏi về Công an xã/phường nào? Hãy mở trang của Công an xã/phường nơi bạn ở để xem địa chỉ, số điện thoại và giờ làm việc.',
  humanHandover: (unitName: string) =>
    `Tôi đã chuyển cuộc trò chuyện tới cán bộ ${unitName}. Cán bộ sẽ trả lời bạn trong giờ làm việc. Nếu khẩn cấp, gọi 113.`,
  smalltalk: (unitName: string) =>
    `Xin chào! Tôi là trợ lý tự động của ${unitName}. Tôi có thể hướng dẫn thủ tục cư trú, căn cước, định danh điện tử, đăng ký xe, hoặc chuyển bạn tới cán bộ.`,
  unknown:
    'Xin lỗi, tôi chỉ hướng dẫn các thủ tục do Công an xã/phường giải quyết (cư trú, căn cước, định danh điện tử, đăng ký xe) và tiếp nhận tin báo.',
  unknownOtherAgencies:
    'Các việc như đăng ký kết hôn, khai sinh, khai tử, đất đai, xây dựng, thuế… do UBND xã/phường hoặc cơ quan chuyên môn khác giải quyết.',
  unknownOffer: 'Nếu cần, bạn có thể nhắn để gặp cán bộ.',
  genericUnit: 'Công an xã/phường',

  // Quick replies (their text is sent as the next question, so it stays Vietnamese in every catalogue).
  askOfficer: { label: 'Gặp cán bộ', text: 'Tôi muốn gặp cán bộ' },
  startReplies: [
    { label: 'Làm căn cước', text: 'Làm căn cước cần giấy tờ gì?' },
    { label: 'Đăng ký tạm trú', text: 'Đăng ký tạm trú cần giấy tờ gì?' },
    { label: 'Báo tin', text: 'Tôi muốn báo tin về một vụ việc' },
  ],
  intentLabel: {
    procedure: 'Thủ tục hành chính',
    tip: 'Báo tin, tố giác',
    emergency: 'Báo tin khẩn cấp',
    unit_info: 'Địa chỉ, số điện thoại trụ sở',
    human: 'Gặp cán bộ',
    smalltalk: 'Chào hỏi',
    unknown: 'Việc khác',
  } satisfies Record<Intent, string>,
  intentQuestion: {
    procedure: 'Tôi muốn hỏi về thủ tục hành chính',
    tip: 'Tôi muốn báo tin về một vụ việc',
    emergency: 'Có chuyện khẩn cấp',
    unit_info: 'Địa chỉ và số điện thoại của Công an phường ở đâu?',
    human: 'Tôi muốn gặp cán bộ',
    smalltalk: 'Xin chào',
    unknown: 'Tôi muốn hỏi việc khác',
  } satisfies Record<Intent, string>,
  aspectLabel: {
    overview: 'Tổng quan',
    documents: 'Giấy tờ',
    fee: 'Lệ phí',
    time: 'Thời gian',
    where: 'Nơi nộp',
    online: 'Nộp online',
    form: 'Mẫu tờ khai',
    deadline: 'Thời hạn',
  } satisfies Record<Aspect, string>,
};

/** The fixed texts of one language (every catalogue has the same keys). */
export type Texts = typeof VI_TEXTS;

export const VI: Texts = VI_TEXTS;

export const EN: Texts = {
  unverifiedCaveat: 'For reference only — please check with your ward or commune police before you go.',
  genericWhere: 'the commune/ward police where you live',
  notUpdated: 'not available yet',
  legalBasis: (text: string) => `Legal basis: ${text}.`,
  lastChecked: (date: string) => `Updated: ${date}`,
  unitNote: (unitName: string, note: string) => `Note from ${unitName}: ${note}`,

  aspectTitle: {
    overview: 'Overview',
    documents: 'Documents to prepare',
    fee: 'Fee',
    time: 'Processing time',
    where: 'Where to apply',
    online: 'Applying online',
    form: 'Forms',
    deadline: 'Deadline',
  },
  documentsForms: (codes: string) => `Forms: ${codes}.`,
  feeOnDate: (date: string) => `Fees on ${date}:`,
  feeFree: 'free',
  feeUntil: (date: string) => `until ${date}`,
  feeFrom: (date: string) => `From ${date}`,
  feeCondition: (condition: string) => `condition: ${condition}`,
  feeUpcoming: 'Changing soon:',
  feeAskOfficer: 'Please ask an officer for this fee.',
  feeRuleAskOfficer: 'please ask an officer for this fee',
  whereAtUnit: (unitName: string) => `You can apply at ${unitName}.`,
  whereGeneric: 'You apply at the commune/ward police where you live.',
  whereRules: 'The rules say:',
  whereElsewhere: 'Where this procedure is handled:',
  address: (v: string) => `Address: ${v}`,
  openingHours: (v: string) => `Opening hours: ${v}`,
  phone: (v: string) => `Phone: ${v}`,
  hotline: (v: string) => `Hotline: ${v}`,
  onlineYes: 'You can apply online through:',
  onlineAccount: 'You need a level-2 electronic identification account (VNeID) to sign in.',
  onlineLink: (url: string) => `Website: ${url}`,
  onlineNo: 'This procedure cannot be done online yet; you need to go in person:',
  formNone: 'This procedure has no form of its own.',
  formIntro: 'Forms used:',
  overviewWho: 'Who it is for:',
  overviewTime: (v: string) => `Time: ${v}`,
  overviewFee: (v: string) => `Fee today: ${v}`,
  childUnder14:
    'For a child under 14, the procedure is the ID card for people under 14 (a parent or guardian applies):',
  procedureMissing:
    'Sorry, I do not have information about this procedure yet. You can ask an officer of your commune/ward police.',

  clarify: 'Sorry, I am not sure what you are asking. Did you mean:',
  clarifyPick: 'Choose one of the options below, or ask again in other words.',
  unsureDanger: 'If something dangerous is happening now, call 113 immediately.',

  emergencyCall: {
    fire: 'Call 114 (fire and rescue) now: fire, explosion, smoke, a gas leak, or someone trapped or in danger.',
    medical: 'Call 115 (ambulance) now: someone injured, unconscious, having a seizure or poisoned.',
    police: 'Call 113 (police) now: violence, threats or a crime happening now.',
    unclear: 'Call 113 (police), 114 (fire and rescue) or 115 (ambulance) now, depending on what is happening.',
  },
  emergencyOtherNumbers: {
    fire: 'Someone injured: call 115 (ambulance). Violence or a crime: call 113 (police).',
    medical: 'Fire, smoke or gas: call 114. Violence or a crime: call 113 (police).',
    police: 'Someone injured: call 115 (ambulance). Fire: call 114.',
    unclear: null,
  },
  emergencyUnitHotline: (unitName: string, hotline: string) => `Hotline of ${unitName}: ${hotline}.`,
  emergencyHandover: 'Your message has been passed to the officer on duty. Keep yourself safe first.',

  scamWarning:
    'The police never ask you to transfer money, give an OTP code or install an app by phone, text message or social media; do not transfer money, do not read out OTP codes, do not install apps or open links a stranger sends.',
  scamAlreadyPaid:
    'If you have already transferred money or given an OTP code, call your bank now to lock your account.',
  tipThanks: 'Thank you for reporting to the police.',
  tipHow: (unitName: string) =>
    `Please describe what happened right here (where, when, who was involved, whether you have photos). Your report will be passed to officers of ${unitName} to look into.`,
  tipAnonymous: 'You can report anonymously: you do not have to give your name or phone number.',
  tipHotline: (hotline: string) => `If it is urgent, call the hotline: ${hotline}.`,
  tipEmergency: 'If it is happening now and someone is in danger, call 113 immediately.',

  unitInfoTitle: (unitName: string) => `About ${unitName}:`,
  unitInfoUnknown:
    'Which commune/ward police do you mean? Open the page of the police where you live to see its address, phone number and opening hours.',
  humanHandover: (unitName: string) =>
    `I have passed this conversation to an officer of ${unitName}, who will answer you during working hours. In an emergency, call 113.`,
  smalltalk: (unitName: string) =>
    `Hello! I am the automatic assistant of ${unitName}. I can explain procedures for residence, ID cards, electronic identification and vehicle registration, or pass you to an officer.`,
  unknown:
    'Sorry, I can only explain procedures handled by the commune/ward police (residence, ID cards, electronic identification, vehicle registration) and take reports.',
  unknownOtherAgencies:
    'Matters such as marriage, birth and death registration, land, construction and taxes are handled by the commune/ward People’s Committee or other agencies.',
  unknownOffer: 'If you need, you can send a message to talk to an officer.',
  genericUnit: 'the commune/ward police',

  askOfficer: { label: 'Talk to an officer', text: 'Tôi muốn gặp cán bộ' },
  startReplies: [
    { label: 'ID card', text: 'Làm căn cước cần giấy tờ gì?' },
    { label: 'Temporary residence', text: 'Đăng ký tạm trú cần giấy tờ gì?' },
    { label: 'Report something', text: 'Tôi muốn báo tin về một vụ việc' },
  ],
  intentLabel: {
    procedure: 'An administrative procedure',
    tip: 'Report a crime or incident',
    emergency: 'Report an emergency',
    unit_info: 'Address and phone of the office',
    human: 'Talk to an officer',
    smalltalk: 'Greeting',
    unknown: 'Something else',
  },
  intentQuestion: VI_TEXTS.intentQuestion,
  aspectLabel: {
    overview: 'Overview',
    documents: 'Documents',
    fee: 'Fee',
    time: 'Time',
    where: 'Where',
    online: 'Online',
    form: 'Forms',
    deadline: 'Deadline',
  },
};

/** The catalogue of a reply language (Vietnamese unless English is asked for). */
export function textsFor(lang: AskLanguage | undefined): Texts {
  return lang === 'en' ? EN : VI;
}

/** Short names of the procedures (labels of clarifying choices). */
export const PROCEDURE_NAME: Record<ProcedureId, string> = {
  thuong_tru: 'Đăng ký thường trú',
  tam_tru: 'Đăng ký tạm trú',
  gia_han_tam_tru: 'Gia hạn tạm trú',
  tam_vang: 'Khai báo tạm vắng',
  luu_tru: 'Thông báo lưu trú',
  xoa_thuong_tru: 'Xóa đăng ký thường trú',
  xoa_tam_tru: 'Xóa đăng ký tạm trú',
  tach_ho: 'Tách hộ',
  dieu_chinh_cu_tru: 'Điều chỉnh thông tin cư trú',
  xac_nhan_cu_tru: 'Xác nhận thông tin cư trú',
  so_ho_khau: 'Sổ hộ khẩu',
  can_cuoc: 'Cấp thẻ căn cước',
  can_cuoc_doi: 'Cấp đổi thẻ căn cước',
  can_cuoc_lai: 'Cấp lại thẻ căn cước',
  dinh_danh_dien_tu: 'Định danh điện tử (VNeID)',
  dang_ky_xe: 'Đăng ký xe',
  giay_phep_lai_xe: 'Giấy phép lái xe',
};

/** How residents name each procedure in a question ("làm căn cước"). */
export const PROCEDURE_PHRASE: Record<ProcedureId, string> = {
  thuong_tru: 'đăng ký thường trú',
  tam_tru: 'đăng ký tạm trú',
  gia_han_tam_tru: 'gia hạn tạm trú',
  tam_vang: 'khai báo tạm vắng',
  luu_tru: 'thông báo lưu trú',
  xoa_thuong_tru: 'xóa đăng ký thường trú',
  xoa_tam_tru: 'xóa đăng ký tạm trú',
  tach_ho: 'tách hộ',
  dieu_chinh_cu_tru: 'điều chỉnh thông tin cư trú',
  xac_nhan_cu_tru: 'xin xác nhận thông tin cư trú',
  so_ho_khau: 'thay sổ hộ khẩu',
  can_cuoc: 'làm căn cước',
  can_cuoc_doi: 'đổi thẻ căn cước',
  can_cuoc_lai: 'cấp lại thẻ căn cước bị mất',
  dinh_danh_dien_tu: 'làm định danh điện tử mức 2',
  dang_ky_xe: 'đăng ký xe',
  giay_phep_lai_xe: 'đổi, cấp lại giấy phép lái xe',
};

/** Procedures the commune/ward police do not take in: "where" names the office instead of the unit. */
export const NOT_AT_COMMUNE_POLICE: ReadonlySet<ProcedureId> = new Set<ProcedureId>(['giay_phep_lai_xe']);

/** Aspects that make no sense for a procedure (no quick reply offered). */
export const ASPECTS_NOT_OFFERED: Partial<Record<ProcedureId, readonly Aspect[]>> = {
  so_ho_khau: ['fee', 'form', 'time', 'deadline'],
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A natural question about one aspect of a procedure, sent when a quick reply is tapped. */
export function aspectQuestion(procedure: ProcedureId, aspect: Aspect): string {
  const p = PROCEDURE_PHRASE[procedure];
  switch (aspect) {
    case 'overview':
      return `${capitalise(p)} là gì, ai phải làm?`;
    case 'documents':
      return `${capitalise(p)} cần giấy tờ gì?`;
    case 'fee':
      return `Lệ phí ${p} bao nhiêu?`;
    case 'time':
      return `${capitalise(p)} mất bao lâu?`;
    case 'where':
      return `${capitalise(p)} ở đâu?`;
    case 'online':
      return `${capitalise(p)} online được không?`;
    case 'form':
      return `${capitalise(p)} dùng mẫu tờ khai nào?`;
    case 'deadline':
      return `Thời hạn ${p} là bao lâu?`;
  }
}
