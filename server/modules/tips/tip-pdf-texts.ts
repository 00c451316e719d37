import type { RejectKind, TipCategory, TipPriority, TipStatus } from '../../../contracts/tips.js';

// The Vietnamese wording of a tip's file for the case record (tip-pdf.ts). The file goes into a
// Vietnamese case record, so it has no English version; the console's labels say the same things.

export const PDF_TEXTS = {
  title: 'HỒ SƠ TIN BÁO',
  subtitle: 'Tố giác, tin báo về tội phạm và phản ánh của người dân',
  unit: 'Đơn vị',
  receiptCode: 'Mã tin báo',
  category: 'Loại việc',
  status: 'Trạng thái',
  priority: 'Mức ưu tiên',
  receivedAt: 'Tiếp nhận lúc',
  occurredAt: 'Thời điểm xảy ra',
  place: 'Địa điểm',
  reporter: 'Người báo tin',
  anonymous: 'Ẩn danh',
  identityLeft: 'Người báo tin đã để lại danh tính',
  noIdentity: 'Không để lại danh tính',
  description: 'Nội dung tin báo',
  deadlines: 'Thời hạn',
  due: 'Hạn bước hiện tại',
  overdue: 'quá hạn',
  escalatedAt: 'Đã báo trưởng đơn vị khi quá hạn',
  categoryDeadline: (d: { acknowledgeHours: number; checkHours: number; settleDays: number }) =>
    `Theo loại việc: xác nhận tiếp nhận trong ${d.acknowledgeHours} giờ, kiểm tra sơ bộ trong ${d.checkHours} giờ, giải quyết trong ${d.settleDays} ngày kể từ khi tiếp nhận (Điều 144–147 Bộ luật Tố tụng hình sự 2015 và quy định của đơn vị).`,
  result: 'Kết quả',
  outcome: 'Kết quả xử lý',
  transferredTo: 'Đã chuyển đến',
  rejected: 'Không thụ lý',
  history: 'Lịch sử xử lý',
  messages: 'Trao đổi với người báo tin',
  notes: 'Ghi chú nội bộ',
  attachments: 'Tệp đính kèm',
  related: 'Tin báo liên quan',
  reveals: 'Những lần xem danh tính',
  none: 'Không có.',
  officer: 'Cán bộ',
  system: 'Hệ thống',
  files: 'Tệp',
  reason: 'Lý do',
  exported: (at: string, by: string) => `Trích xuất lúc ${at} bởi ${by}`,
  page: (n: number, of: number) => `Trang ${n}/${of}`,
} as const;

export const CATEGORY_TEXT: Record<TipCategory, string> = {
  theft: 'Trộm cắp',
  robbery: 'Cướp, cướp giật',
  fraud_scam: 'Lừa đảo',
  drugs: 'Ma túy',
  gambling: 'Cờ bạc',
  violence: 'Bạo lực, đánh nhau',
  public_order: 'Trật tự công cộng (ồn ào, đua xe, gây rối)',
  traffic: 'Giao thông',
  wanted_person: 'Đối tượng truy nã',
  other: 'Khác',
};

export const STATUS_TEXT: Record<TipStatus, string> = {
  received: 'Mới tiếp nhận',
  acknowledged: 'Đã xác nhận',
  verifying: 'Đang xác minh',
  handled: 'Đã xử lý',
  transferred: 'Đã chuyển',
  rejected: 'Không thụ lý',
};

export const PRIORITY_TEXT: Record<TipPriority, string> = { urgent: 'Khẩn cấp', high: 'Cao', normal: 'Bình thường' };

export const REJECT_TEXT: Record<RejectKind, string> = {
  spam: 'Tin rác',
  duplicate: 'Trùng với tin khác',
  not_a_police_matter: 'Không thuộc thẩm quyền công an',
};

/** History actions as the tip's events record them (tip-state.ts, escalation, priority). */
export const ACTION_TEXT: Record<string, string> = {
  received: 'Tiếp nhận',
  acknowledged: 'Xác nhận tiếp nhận',
  verifying: 'Bắt đầu xác minh',
  handled: 'Đã xử lý',
  transferred_here: 'Chuyển đơn vị',
  transferred_out: 'Chuyển cơ quan khác',
  rejected: 'Không thụ lý',
  escalated: 'Quá hạn, đã báo trưởng đơn vị',
  priority_urgent: 'Đặt mức Khẩn cấp',
  priority_high: 'Đặt mức Cao',
  priority_normal: 'Đặt mức Bình thường',
};
