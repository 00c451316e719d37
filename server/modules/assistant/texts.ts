import type { Aspect, Intent, ProcedureId } from '../../../contracts/assistant.js';

// Every resident-facing text of the assistant, in Vietnamese (the residents' channel language).
// Kept in one module so an English catalogue can follow with the same keys.

export const VI = {
  unverifiedCaveat: 'Thông tin tham khảo, chưa được xác minh đầy đủ — vui lòng kiểm tra lại với Công an xã/phường.',
  genericWhere: 'Công an cấp xã nơi cư trú',
  notUpdated: 'chưa cập nhật',
  legalBasis: (text: string) => `Căn cứ: ${text}.`,
  sourcesCount: (n: number) => `Nguồn: ${n} tài liệu tham khảo (danh sách kèm theo).`,
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
  feeNoRules: 'Chưa có mức lệ phí cụ thể đã được xác minh cho ngày này. Tóm tắt:',
  whereAtUnit: (unitName: string) => `Bạn có thể nộp hồ sơ tại ${unitName}.`,
  whereGeneric: 'Bạn nộp hồ sơ tại Công an cấp xã nơi cư trú.',
  whereRules: 'Theo quy định:',
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
  procedureMissing: 'Xin lỗi, tôi chưa có thông tin về thủ tục này. Bạn có thể hỏi trực tiếp cán bộ Công an xã/phường.',

  // Low confidence.
  clarify: 'Xin lỗi, tôi chưa chắc bạn muốn hỏi điều gì. Có phải bạn hỏi về:',
  clarifyPick: 'Bạn hãy chọn một mục bên dưới, hoặc hỏi lại rõ hơn.',

  // Other intents.
  emergencyFirstLine: 'Nếu đang nguy hiểm, gọi ngay 113 (Công an), 114 (Cứu hỏa), 115 (Cấp cứu)',
  emergencyUnitHotline: (unitName: string, hotline: string) => ` hoặc đường dây nóng của ${unitName}: ${hotline}`,
  emergencyHandover: 'Tin nhắn của bạn đã được chuyển tới cán bộ trực. Hãy giữ an toàn cho bản thân trước.',
  tipThanks: 'Cảm ơn bạn đã báo tin cho Công an.',
  tipHow: (unitName: string) =>
    `Bạn hãy mô tả sự việc ngay tại đây (xảy ra ở đâu, khi nào, những ai liên quan, có hình ảnh không). Tin báo sẽ được chuyển tới cán bộ ${unitName} xem xét, xử lý.`,
  tipAnonymous: 'Bạn có thể báo tin giấu tên: không bắt buộc để lại họ tên hay số điện thoại.',
  tipHotline: (hotline: string) => `Cần báo gấp, gọi đường dây nóng: ${hotline}.`,
  tipEmergency: 'Nếu sự việc đang xảy ra và có nguy hiểm, gọi ngay 113.',
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

  // Quick replies.
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
} as const;

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
