// Vietnamese names of the API's enums, as residents and staff read them.
export const statusLabels = {
  RECEIVED: 'Đã tiếp nhận',
  ASSIGNED: 'Đã chuyển cơ quan',
  IN_PROGRESS: 'Đang xử lý',
  ANSWERED: 'Đã trả lời',
  CLOSED: 'Đã đóng',
  REOPENED: 'Mở lại',
  REJECTED: 'Từ chối',
  DUPLICATE: 'Trùng',
};
export const openStatuses = ['RECEIVED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'];

export const priorityLabels = { LOW: 'Thấp', NORMAL: 'Bình thường', HIGH: 'Cao', URGENT: 'Khẩn' };
export const priorityRank = { PRIORITY_UNSPECIFIED: 0, LOW: 1, NORMAL: 2, HIGH: 3, URGENT: 4 };

export const channelLabels = {
  APP: 'Ứng dụng',
  ZALO_MINI_APP: 'Zalo Mini App',
  HOTLINE: 'Tổng đài 1022',
  WEB: 'Cổng thông tin',
  EMAIL: 'Thư điện tử',
  OPEN311: 'Open311',
};

export const roleLabels = {
  OPERATOR: 'Điện thoại viên 1022',
  OFFICER: 'Cán bộ xử lý',
  SUPERVISOR: 'Lãnh đạo cơ quan',
  ADMIN: 'Quản trị',
  DPO: 'Phụ trách bảo vệ dữ liệu',
};

export const rejectLabels = {
  NOT_RESPONSIBLE: 'Không thuộc thẩm quyền',
  DUPLICATE_OF: 'Trùng phản ánh khác',
  INVALID: 'Không hợp lệ',
  SPAM: 'Quấy rối, spam',
};

export const actionLabels = {
  receive: 'Tiếp nhận',
  assign: 'Chuyển xử lý',
  reassign: 'Giao lại',
  accept: 'Nhận xử lý',
  respond: 'Trả lời',
  note: 'Ghi chú',
  transfer: 'Trả lại tổng đài',
  reject: 'Từ chối',
  duplicate: 'Trùng',
  merge: 'Gộp',
  reopen: 'Mở lại',
  close: 'Đóng',
  rate: 'Đánh giá',
  hide: 'Ẩn',
  show: 'Hiện',
  prioritize: 'Đổi mức ưu tiên',
  recategorize: 'Đổi lĩnh vực',
  move: 'Đổi vị trí',
  erase_reporter: 'Xóa liên hệ người phản ánh',
};
