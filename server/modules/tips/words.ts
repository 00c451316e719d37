// Passphrase words for anonymous tips: common, short, single Vietnamese syllables a resident can
// read out and type, none offensive, violent or political. 1169 words: log2 ≈ 10.19 bits each, so a
// 5-word passphrase is about 50 bits. Written for this project from common everyday words; kept in
// NFC, lower case, unique (words.test.ts checks).

export const PASSPHRASE_WORDS: readonly string[] = `
an anh ao áo ăn ấm âm ấn bà ba bác bạc bài bàn bản bán bánh bao báo bát bay bảy bằng bắc bắp bầu bé bên bến
bền bếp bi bí bia biển biết bình bò bóng bông bốn bút bữa bức bước bưởi ca cá các cách cam cảm cành cánh cao
cát cau cày cây cặp cầu cân cần cật cấp cha chai chanh chào cháo chảy chăm chăn chân chấm chè chén chị chim
chín chính chìa chiếc chiều chỗ chơi chợ chú chúc chùa chuối chuông chuyện chữ chưa chương có cỏ cốc cổ cố cô
côn cơm cờ cửa cũ cúc củ của cùng cung cười cưới dài dạy dao dâu dây dầu dép dê dễ dịp dòng dừa dưa dược dương
đá đàn đào đảo đảm đánh đất đầu đầy đậu đen đèn đẹp đêm đến đi địa đình đỏ đọc đói đón đồ đồi đông đồng đỗ đội
đơn đời đủ đũa đúng đùi đường đứng em én ếch ga gà gác gạo gánh gặp gấu gần gậy ghế ghi gió giỏ giỏi giờ giữ
giường giấy giày giếng giàu gian giang gọi gói gỗ gối gốc gửi gương hai hàng hành hát hay hạt hạnh hè hẹn hiền
hiểu hình hoa hoà hoàng học hỏi hòn hồ hộp hồng hơi hội hùng hương hưu hướng im ít kem kéo kẹo kênh kết khá
khách khăn khế khen khéo khỏe không khói khu khung kim kính kịp kỳ lá lạc lái làm làng lành lạnh lăng lắm lâu
lên lịch lọ lòng lông lời lợi lớn lớp lúa lúc lụa lửa lược lưng lưới lượt ly mai mái màn màu may mắt mặt mâm
mận mây mẹ mèo mềm mía miền miệng mình mỏ mọi món mong mới mở mời mùa mũ mua mùi mực mưa mười mứt na nai nam
nắng năm nấu nem nến nếp ngà ngàn ngang ngày ngắn ngọc ngọn ngọt ngô ngồi ngủ ngựa người nghề nghỉ nhà nhạc
nhanh nhãn nhẹ nhiều nhỏ nhớ nhóm nhung như nồi nón nông núi nước nướng nương oanh ong ô ốc ổi ông ơn phà phải
phần phố phòng phở phúc phút quà quạt quán quả quần quê quen quý rau rạng rằm rễ rổ rộng rồng rơm rừng rượu sa
sạch sách sáng sao sáo sân sen sớm sông sóng sổ số sơn sữa sức suối sương ta tà tai tám tàu tay tắm tằm tấm
tâm tầng tết thác thang thanh thành thảm tháng thăm thân thật thầy thế thêm thì thìa thiên thịt thỏ thoi thơ
thơm thu thú thuyền thư thước thương tiếng tiền tiên tim tìm tin tình tím to tỏi tóc tôm tốt tổ tuổi tủ tuần
tùng tươi tường ty ước uống vai vàng vải vào vạn vâng vần vẽ vé ven vịt việc viên vòng võng vui vùng vườn vừa
vực xa xanh xã xe xem xích xinh xóm xôi xuân xưa xương yên yến bạn bảng bão bắt bậc bất bầy bẻ biếc biệt bọc
bón bờ bơi bột bù bùn buổi buôn bưu cải cạnh cấy cặn chạy chảo chăng chặng chắc chậm chất chậu chép chọn chổi
chồi chống chụp chùm chung chuồn cọ còi cối cồn cột cúi cụm cuốn cuộc cưa cứu dán dạng danh dành dậy dệt dịu
dò dọn dốc dồi dù dùng dũng duyên dự đài đãi đám đan đang đáy đặc đặt đâu đấy đem đền đều đĩa điểm điện đoàn
đoán độ đổi đợi đúc đuôi đưa đức được gạch gai gấp gập gia giá giải giản giao giặt giống giúp giữa góp hạ hái
hàm hạn hào hảo hầm hẻm hiện hoạ hoàn hoạt hộ hợp hũ huệ huy hứa hưởng keo kể kệ khay khe khoai khoa khoá khổ
khởi khúc khuyên kia kiến kiểu kiệu kỷ lam lan lát lặng lấy lề lễ lệ lều liên liền lò loa loại lọc lối lồng
lộc luật luôn lũy lựa lượng lười mang mạnh mát mạch mẫu mâu mè mét miến minh mít mốc mỗi môn mộng mỡ mức mừng
nang nào nảy nặng nậm nấm nền nết nệm nghe nghĩ ngõ ngoài ngói nguồn nguyên nhau nhận nhặt nhật nhiệt nhịp
nhìn nhờ nhựa niềm nói nở nổi nụ nữ nửa nuôi ổn phát phẳng phép phía phong phù phụ quạ quang quay quế quyển
quyền ra rá rải rằng rất reo riêng rõ rộn rơi rùa ruộng rửa sai sàn sáu say sắc sắn sâu sấm sẵn sẻ sên sinh
sỏi soi sống sợi súp sư sửa tạ tách tạm tán tặng tập tầm thai tham thảo thẳng thắm thẻ thềm thép thiếc thiệp
thỏa thóc thói thôn thông thuế thuốc thuở thửa thức thường tiệc tiến tiếp tiết tỉnh toà toán tờ tới trà trai
trái trạm trang tranh trăm trăng trắng trầu trẻ trên trí triều trò trọng trời trống trứng trước trường truyện
tuyết tư từ tự tựa tựu ủ uyên vá vạch văn vấn vẹn vì vỉ vị vĩ viết vinh vỏ vọng vô vở vốn vợ vua xào xây xẻ
xếp xỉ xoài xong xuôi xưởng xuồng ý ảnh ấy bãi bám bàng bào bảo bấm bận bê bèo biếu bìa bóc bổ bớt bụi bùa búp
buồng bướm cãi càng canh cạo cảng cắt cất câu cầm chài chắn chằng chầu chéo chế chỉ chiêng chìm chĩnh cho
chóng chồng chở chủ chuẩn chuỗi chúng chững cõi còn cong cốm cơ cởi cụ cúng cuối dạ dặn dạo dăm dẫn dấu dẻo dế
dì dỗ dọc dội dụng dừng dứt đắp đẩy đẽo đếm để đệm đích điều định đoạn đọng đổ đốm đốt đỡ đục đùa đuốc đựng
gạc gảy gắn gầm gầy gấc gì giăng giấc giọng giòn giọt gò gộp gù gừng hạc hán hang hấp hẹp hiên hiếu hoang hòm
hồi hỗ hơn hụt huyện kèn kẻ kèm kẽm khắc khám khẩu khép khí khoan khoe khóm khuôn khuya kìa kịch kiên kíp kỹ
lạ lăn lặn lẩu lẽ lẹ lệch lính lo lõi lộ lốc lụt lưỡi lưu mạ mãi màng mảnh mạng mắm mặn mầm mẹo mép mím mịn
mỏng mồ môi mộc mồng múa mũi muối muộn mượn nách nan nạp nên ngân ngắm ngẫm ngập ngoan ngóng nguội nhánh nhạt
nhắn nhắc nhẫn nhện nhiêu nhút nhường niêu nút oản ổ ớt pha phím phơi phương quản quyết rạ rạch rào rặng rèm
rẻ rét ríu rọ rung rước sạp sáp sàng sặc sẫm sấy sờ sợ sừng sướng tạc tảo tạo tắc tận tất tẻ tên thạch thái
thám tháp thau thấm thấy thẹn thênh thiết thím thoáng thỏi thong thổi thớt thụ thuận tía tiếc tiêu tiệm tiện
tính tịnh toả tóm tô tối tơ tràm trải trám trâm trấu trọ trục trúc trưa trưng túi tụi tương tuyển ừ uốn vác
vảy vặn vắng vật vấy vẹt vẻ vệ vết vịnh vó võ vợt vững vượn vương xách xáo xẻng xét xiêm xíu xoan xoay xúc xum
xưng yếm
`
  .trim()
  .split(/\s+/);
