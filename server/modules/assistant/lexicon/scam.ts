// Scam phrases (read like the danger phrases, same syntax: "a|b" one syllable or the other). A scam tip
// gets the warning first. "Posing" phrases say someone claims to be police or an official body;
// "demand" phrases say what scammers ask for. Both together make the message a scam tip whatever
// the classifier reads ("tự xưng cán bộ công an yêu cầu chuyển tiền" is not a question about fees).

export const SCAM_POSING: readonly string[] = [
  'giả danh',
  'giả mạo',
  'mạo danh',
  'tự xưng',
  'xưng là',
  'nhận là',
  'tự nhận',
  'lừa đảo',
  'lừa',
  'giả làm',
  'giả công an',
  'công an ~ gọi',
  'gọi ~ công|tòa|viện|ngân|điện|bưu',
  'tài khoản ~ giả',
  'trang ~ giả',
  'fanpage ~ giả',
  'facebook ~ giả',
  'zalo ~ giả',
  'số lạ',
  'người lạ ~ gọi',
  'rửa tiền',
  'liên quan ~ vụ|đường',
];

export const SCAM_DEMANDS: readonly string[] = [
  'chuyển tiền',
  'chuyển khoản',
  'chuyển ~ tiền|triệu|nghìn',
  'nộp tiền',
  'đóng tiền',
  'mã otp',
  'otp',
  'mã xác nhận',
  'mã xác thực',
  'mật khẩu',
  'cài ~ ứng|app|phần',
  'tải ~ ứng dụng|app',
  'bấm ~ link|đường',
  'đường link',
  'chụp ~ căn cước|cccd',
  'số tài khoản',
  'xác minh ~ tài khoản',
  'tạm giữ ~ tiền',
  'phong tỏa',
  'trúng thưởng',
];
