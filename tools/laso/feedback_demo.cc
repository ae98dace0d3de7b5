#include "tools/laso/feedback_demo.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc/grpc_status.h"
#include "common/status/status.h"
#include "laso/feedback/v1/feedback.grpc.pb.h"

namespace laso::cli {
namespace {

namespace fb = laso::feedback::v1;

struct DemoReport {
  const char* category;
  const char* ward;
  double lat, lng;
  const char* address;
  const char* description;
  const char* answer_question;  // question code, or ""
  const char* answer_value;
  const char* stage;  // received|assigned|accepted|answered|rated|reopened|duplicate|rejected
};

// Places and problems of Tân An and its neighbours, as residents call them in.
const DemoReport kReports[] = {
    {"road-damage", "phuong-tan-an", 10.5371, 106.4129, "Đường Hùng Vương, trước chợ Tân An",
     "Ổ gà lớn giữa đường, trời mưa đọng nước, nhiều xe máy suýt té.", "size", "medium", "answered"},
    {"road-damage", "phuong-tan-an", 10.5373, 106.4131, "Đường Hùng Vương, gần chợ Tân An",
     "Mặt đường bị lún sâu gần chợ, xe tải đi qua rất nguy hiểm.", "size", "large", "duplicate"},
    {"street-light", "phuong-tan-an", 10.5352, 106.4160, "Đường Nguyễn Huệ, phường Tân An",
     "Ba cột đèn liên tiếp không sáng đã một tuần, đường rất tối.", "pole_number", "NH-24", "accepted"},
    {"flooding", "phuong-long-an", 10.5562, 106.3992, "Đường Trương Định, phường Long An",
     "Mỗi lần triều cường nước ngập sâu gần 40cm, học sinh không đi học được.", "depth_cm", "40", "rated"},
    {"rubbish", "phuong-khanh-hau", 10.5104, 106.3811, "Hẻm 12 Quốc lộ 1, phường Khánh Hậu",
     "Rác sinh hoạt và xà bần đổ trộm đầu hẻm, bốc mùi hôi thối.", "kind", "construction", "assigned"},
    {"pollution", "xa-ben-luc", 10.6405, 106.4880, "Khu công nghiệp Thuận Đạo, xã Bến Lức",
     "Nhà máy xả khói đen vào ban đêm, người dân khó thở.", "", "", "received"},
    {"power", "xa-duc-hoa", 10.8832, 106.4232, "Ấp Chánh, xã Đức Hòa",
     "Mất điện từ 7 giờ sáng đến giờ chưa có lại, không có thông báo trước.", "", "", "answered"},
    {"urban-order", "xa-ben-luc", 10.6398, 106.4866, "Chợ Bến Lức",
     "Các sạp hàng lấn chiếm hết vỉa hè, người đi bộ phải xuống lòng đường.", "", "", "reopened"},
    {"admin-service", "phuong-tan-an", 10.5366, 106.4137, "Bộ phận Một cửa phường Tân An",
     "Hồ sơ đăng ký khai sinh trễ hẹn 3 ngày mà không có phiếu xin lỗi.", "dossier_code", "H15.50.05.13-261120-0001",
     "accepted"},
    {"security", "xa-can-giuoc", 10.6085, 106.6705, "Đường tỉnh 835, xã Cần Giuộc",
     "Nhóm thanh niên tụ tập đua xe mỗi tối thứ bảy, gây mất trật tự.", "", "", "assigned"},
    {"other", "xa-thu-thua", 10.6043, 106.4045, "Cầu Thủ Thừa",
     "Biển báo giao thông bị cây che khuất hoàn toàn ở đầu cầu.", "", "", "received"},
    {"rubbish", "phuong-tan-an", 10.5380, 106.4120, "Công viên phường Tân An",
     "Quảng cáo dịch vụ vay tiền nhanh, liên hệ số điện thoại.", "kind", "household", "rejected"},
};

const char* kCallers[] = {"Nguyễn Văn Hùng", "Trần Thị Mai",  "Lê Minh Tuấn",  "Phạm Thị Hoa",
                          "Võ Văn Tâm",      "Huỳnh Thị Lan", "Đặng Văn Phúc", "Bùi Thị Ngọc",
                          "Ngô Văn Sang",    "Dương Thị Thu", "Lý Văn Bình",   "Mai Thị Hạnh"};

rpc::Caller Staff(rpc::Role role, const std::string& name, const std::string& agency = "") {
  rpc::Caller c;
  c.set_role(role);
  c.set_subject("staff:" + name);
  c.set_agency(agency);
  return c;
}

std::unique_ptr<grpc::ClientContext> As(const ServiceClient& client, const rpc::Caller& who) {
  return client.NewContext(absl::Seconds(30), &who);
}

// A step already taken by an earlier run is fine; anything else is not.
absl::Status Tolerate(const grpc::Status& s) {
  if (s.ok() || s.error_code() == grpc::StatusCode::FAILED_PRECONDITION) return absl::OkStatus();
  return FromGrpcStatus(s);
}

}  // namespace

absl::Status ImportFeedbackCatalog(const ServiceClient& client, const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  fb::ImportCatalogRequest req;
  auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), &req);
  if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", parsed.ToString()));
  auto stub = fb::FeedbackService::NewStub(client.channel());
  rpc::Caller admin = Staff(rpc::Role::ADMIN, "laso-cli");
  fb::ImportCatalogResponse resp;
  return FromGrpcStatus(stub->ImportCatalog(As(client, admin).get(), req, &resp));
}

absl::StatusOr<std::string> DemoFeedback(const ServiceClient& client, const std::string& catalog_path) {
  if (auto s = ImportFeedbackCatalog(client, catalog_path); !s.ok()) return s;
  auto stub = fb::FeedbackService::NewStub(client.channel());
  rpc::Caller op = Staff(rpc::Role::OPERATOR, "tongdai-1022");
  std::string day = absl::FormatTime("%Y%m%d", absl::Now(), absl::LocalTimeZone());
  std::string first_id, original_id;
  int n = 0;
  for (const DemoReport& r : kReports) {
    fb::CreateFeedbackRequest req;
    req.set_category_code(r.category);
    req.set_ward_code(r.ward);
    req.mutable_location()->set_latitude(r.lat);
    req.mutable_location()->set_longitude(r.lng);
    req.set_address(r.address);
    req.set_description(r.description);
    if (*r.answer_question) {
      fb::Answer* a = req.add_answers();
      a->set_question(r.answer_question);
      a->add_values(r.answer_value);
    }
    req.mutable_reporter()->set_name(kCallers[n % 12]);
    req.mutable_reporter()->set_phone(absl::StrCat("09090000", n < 10 ? "0" : "", n));
    auto ctx = As(client, op);
    ctx->AddMetadata("idempotency-key", absl::StrCat("demo-", day, "-", n++));
    fb::CreateFeedbackResponse created;
    if (auto s = stub->CreateFeedback(ctx.get(), req, &created); !s.ok()) return FromGrpcStatus(s);
    if (first_id.empty()) first_id = created.id();
    std::string stage = r.stage;
    fb::Feedback out;
    if (stage == "duplicate") {
      fb::RejectFeedbackRequest dup;
      dup.set_id(created.id());
      dup.set_reason(fb::DUPLICATE_OF);
      dup.set_duplicate_of(original_id);
      dup.set_message("Trùng với phản ánh đã có; mời theo dõi phản ánh gốc.");
      if (auto s = Tolerate(stub->RejectFeedback(As(client, op).get(), dup, &out)); !s.ok()) return s;
      continue;
    }
    if (stage == "rejected") {
      fb::RejectFeedbackRequest spam;
      spam.set_id(created.id());
      spam.set_reason(fb::SPAM);
      spam.set_message("Nội dung quảng cáo, không phải phản ánh.");
      if (auto s = Tolerate(stub->RejectFeedback(As(client, op).get(), spam, &out)); !s.ok()) return s;
      continue;
    }
    if (original_id.empty()) original_id = created.id();
    if (stage == "received" || stage == "assigned") continue;
    fb::GetFeedbackRequest get;
    get.set_id(created.id());
    fb::Feedback current;
    if (auto s = stub->GetFeedback(As(client, op).get(), get, &current); !s.ok()) {
      return FromGrpcStatus(s);
    }
    rpc::Caller officer = Staff(rpc::Role::OFFICER, "canbo-" + current.agency_code(), current.agency_code());
    fb::FeedbackActionRequest accept;
    accept.set_id(created.id());
    if (auto s = Tolerate(stub->AcceptFeedback(As(client, officer).get(), accept, &out)); !s.ok()) return s;
    if (stage == "accepted") continue;
    fb::RespondFeedbackRequest answer;
    answer.set_id(created.id());
    answer.set_public_(true);
    answer.set_message("Cơ quan đã kiểm tra hiện trường và xử lý xong. Cảm ơn ông/bà đã phản ánh qua Tổng đài 1022.");
    if (auto s = Tolerate(stub->RespondFeedback(As(client, officer).get(), answer, &out)); !s.ok()) return s;
    // The resident who called signs in with the same phone and follows up.
    rpc::Caller resident;
    resident.set_role(rpc::Role::CITIZEN);
    resident.set_subject(absl::StrCat("zalo:demo-", n));
    resident.set_phone(req.reporter().phone());
    if (stage == "rated") {
      fb::RateFeedbackRequest rate;
      rate.set_id(created.id());
      rate.set_stars(5);
      rate.set_comment("Xử lý nhanh, cảm ơn các anh chị.");
      if (auto s = Tolerate(stub->RateFeedback(As(client, resident).get(), rate, &out)); !s.ok()) return s;
    } else if (stage == "reopened") {
      fb::FeedbackActionRequest reopen;
      reopen.set_id(created.id());
      reopen.set_reason("Được vài hôm các sạp lại bày ra như cũ.");
      if (auto s = Tolerate(stub->ReopenFeedback(As(client, resident).get(), reopen, &out)); !s.ok()) return s;
    }
  }
  return absl::StrCat("demo: 10 feedback categories and ", n, " reports; try ", first_id);
}

}  // namespace laso::cli
