#include "services/gateway/auth_service.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/json/fields.h"
#include "common/log/log.h"
#include "common/phone/phone.h"
#include "common/status/status.h"
#include "laso/auth/v1/auth.pb.h"
#include "laso/privacy/v1/privacy.pb.h"

namespace laso::gateway {
namespace {

using nlohmann::json;
namespace authpb = laso::auth::v1;

constexpr size_t kMaxZaloTokenBytes = 4096;

absl::Status CheckToken(absl::string_view field, const std::string& token) {
  if (token.empty()) return InvalidField(field, "Thiếu mã xác thực Zalo.");
  if (token.size() > kMaxZaloTokenBytes) return InvalidField(field, "Mã xác thực Zalo quá dài.");
  for (unsigned char c : token) {
    if (c < 0x21 || c > 0x7e) return InvalidField(field, "Mã xác thực Zalo chứa ký tự không hợp lệ.");
  }
  return absl::OkStatus();
}

std::string CacheKey(const std::string& access_token) {
  return absl::StrCat("laso:zalo:me:", crypto::Hex(crypto::Sha256(access_token)));
}

void SetTimestamp(google::protobuf::Timestamp* ts, absl::Time t) { ts->set_seconds(absl::ToUnixSeconds(t)); }

template <typename Message>
absl::StatusOr<Message> Parse(const std::string& bytes) {
  Message m;
  if (!m.ParseFromString(bytes)) return absl::InvalidArgumentError("malformed request");
  return m;
}

}  // namespace

bool AuthService::Serves(const google::protobuf::MethodDescriptor* method) const {
  return method->service()->full_name() == "laso.auth.v1.AuthService";
}

void AuthService::Call(const google::protobuf::MethodDescriptor* method, const LocalCall& call, std::string request,
                       Done done) {
  const std::string& name = method->name();
  if (name == "LoginWithZalo") return LoginWithZalo(call, std::move(request), std::move(done));
  if (name == "VerifyZaloPhone") return VerifyZaloPhone(call, std::move(request), std::move(done));
  if (name == "ResolveZaloLocation") return ResolveZaloLocation(call, std::move(request), std::move(done));
  if (name == "RefreshSession") return RefreshSession(call, std::move(done));
  if (name == "GetMe") return GetMe(call, std::move(done));
  done(absl::UnimplementedError(absl::StrCat(method->full_name(), " is not implemented")));
}

void AuthService::CheckZaloToken(const std::string& access_token,
                                 std::function<void(absl::StatusOr<ZaloUser>)> done) {
  std::string key = CacheKey(access_token);
  d_.redis->Run({"GET", key}, [this, key, access_token, done = std::move(done)](absl::StatusOr<redis::Reply> cached) {
    if (cached.ok() && cached->type == redis::Reply::Type::kString) {
      json j = json::parse(cached->str, nullptr, false);
      if (j.is_object() && j.contains("id")) {
        return done(ZaloUser{JsonText(j, "id"), JsonText(j, "name"), JsonText(j, "avatar")});
      }
    }
    d_.zalo->GetMe(access_token, [this, key, done](absl::StatusOr<ZaloUser> user) {
      if (user.ok()) {
        json j = {{"id", user->id}, {"name", user->name}, {"avatar", user->avatar}};
        std::string ttl = absl::StrCat(std::max<int64_t>(1, absl::ToInt64Seconds(d_.zalo_cache_ttl)));
        // Best effort: without Redis the next sign-in simply asks Zalo again.
        d_.redis->Run({"SET", key, j.dump(), "EX", ttl}, [](absl::StatusOr<redis::Reply>) {});
      }
      done(std::move(user));
    });
  });
}

void ApplyConsents(const std::string& consents, auth::ResidentClaims* resident) {
  laso::privacy::v1::Consents state;
  if (!state.ParseFromString(consents)) return;
  resident->consent_version = state.acceptance_needed() ? 0 : state.accepted_version();
  resident->consents.clear();
  for (const auto& p : state.purposes()) {
    if (!p.required() && p.granted()) resident->consents.push_back(p.purpose());
  }
}

absl::StatusOr<std::string> AuthService::SessionFor(const auth::ResidentClaims& resident,
                                                    const std::string& avatar) const {
  auto issued = d_.tokens->IssueSession(resident);
  if (!issued.ok()) return issued.status();
  authpb::Session session;
  session.set_session_token(issued->token);
  SetTimestamp(session.mutable_expires_at(), issued->expires_at);
  session.mutable_user()->set_id(resident.zalo_id);
  session.mutable_user()->set_name(resident.name);
  session.mutable_user()->set_avatar(avatar);
  session.mutable_user()->set_phone(resident.phone);
  return session.SerializeAsString();
}

void AuthService::IssueSession(const LocalCall& call, auth::ResidentClaims resident, std::string avatar,
                               std::string sign_in, Done done) {
  constexpr char kPrivacy[] = "privacy";
  if (!d_.backends->Has(kPrivacy)) return done(SessionFor(resident, avatar));
  rpc::Caller as_resident;
  as_resident.set_role(rpc::Role::CITIZEN);
  as_resident.set_subject(absl::StrCat("zalo:", resident.zalo_id));
  as_resident.set_name(resident.name);
  as_resident.set_phone(resident.phone);
  as_resident.set_request_id(call.request_id);
  as_resident.set_client_ip(call.caller.client_ip());
  as_resident.set_client(call.caller.client());
  auto make_context = [this, as_resident, request_id = call.request_id] {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(absl::ToChronoTime(absl::Now() + d_.privacy_deadline));
    context->AddMetadata(rpc::kRequestIdHeader, request_id);
    d_.signer->Attach(as_resident, context.get());
    return context;
  };
  // A sign-in is recorded (the resident's export lists them); a refresh only asks where they stand.
  std::string method, request;
  if (sign_in.empty()) {
    laso::privacy::v1::GetMyConsentsRequest standing_only;
    standing_only.set_without_history(true);
    method = "/laso.privacy.v1.PrivacyService/GetMyConsents";
    request = standing_only.SerializeAsString();
  } else {
    laso::privacy::v1::BeginSessionRequest begin;
    begin.set_how(sign_in);
    method = "/laso.privacy.v1.PrivacyService/BeginSession";
    request = begin.SerializeAsString();
  }
  d_.backends->CallIdempotent(
      kPrivacy, method, request, make_context,
      [this, resident = std::move(resident), avatar = std::move(avatar), done = std::move(done),
       request_id = call.request_id](const grpc::Status& status, std::string response) mutable {
        log::ScopedRequestId scoped(request_id);
        if (status.ok()) {
          ApplyConsents(response, &resident);
        } else {
          log::Warn("session issued without consent: the privacy service did not answer",
                    {{"code", static_cast<int64_t>(status.error_code())}});
        }
        done(SessionFor(resident, avatar));
      });
}

void AuthService::LoginWithZalo(const LocalCall& call, std::string request, Done done) {
  auto req = Parse<authpb::LoginWithZaloRequest>(request);
  if (!req.ok()) return done(req.status());
  if (auto s = CheckToken("accessToken", req->access_token()); !s.ok()) return done(s);
  CheckZaloToken(req->access_token(), [this, call, done = std::move(done)](absl::StatusOr<ZaloUser> user) {
    if (!user.ok()) return done(user.status());
    log::Info("zalo sign-in", {{"zalo_user", user->id}});
    IssueSession(call, {.zalo_id = user->id, .name = user->name}, user->avatar, "zalo", std::move(done));
  });
}

void AuthService::VerifyZaloPhone(const LocalCall& call, std::string request, Done done) {
  auto req = Parse<authpb::VerifyZaloPhoneRequest>(request);
  if (!req.ok()) return done(req.status());
  if (auto s = CheckToken("accessToken", req->access_token()); !s.ok()) return done(s);
  if (auto s = CheckToken("phoneToken", req->phone_token()); !s.ok()) return done(s);
  CheckZaloToken(req->access_token(), [this, call, req = *req, done = std::move(done)](absl::StatusOr<ZaloUser> user) {
    if (!user.ok()) return done(user.status());
    d_.zalo->GetPhoneNumber(req.access_token(), req.phone_token(),
                         [this, call, user = *user, done](absl::StatusOr<std::string> number) {
                           if (!number.ok()) return done(number.status());
                           auto phone = phone::Normalize(*number);
                           if (!phone.ok()) {
                             return done(absl::FailedPreconditionError(
                                 "Số điện thoại Zalo trả về không phải số Việt Nam hợp lệ."));
                           }
                           log::Info("zalo phone verified", {{"zalo_user", user.id}, {"phone", *phone}});
                           IssueSession(call, {.zalo_id = user.id, .name = user.name, .phone = *phone},
                                        user.avatar, "zalo_phone", done);
                         });
  });
}

void AuthService::ResolveZaloLocation(const LocalCall& call, std::string request, Done done) {
  auto req = Parse<authpb::ResolveZaloLocationRequest>(request);
  if (!req.ok()) return done(req.status());
  if (auto s = CheckToken("accessToken", req->access_token()); !s.ok()) return done(s);
  if (auto s = CheckToken("locationToken", req->location_token()); !s.ok()) return done(s);
  CheckZaloToken(req->access_token(), [this, call, req = *req, done = std::move(done)](absl::StatusOr<ZaloUser> user) {
    if (!user.ok()) return done(user.status());
    // Someone else's Zalo token would reveal where that person is.
    if (absl::StrCat("zalo:", user->id) != call.caller.subject()) {
      return done(WithReason(absl::PermissionDeniedError("Mã Zalo không phải của tài khoản đang đăng nhập."),
                             "NOT_YOUR_ZALO_ACCOUNT"));
    }
    d_.zalo->GetLocation(req.access_token(), req.location_token(), [done](absl::StatusOr<ZaloPoint> point) {
      if (!point.ok()) return done(point.status());
      authpb::ZaloLocation out;
      out.set_latitude(point->latitude);
      out.set_longitude(point->longitude);
      out.set_provider(point->provider);
      if (point->recorded_at != absl::InfinitePast()) SetTimestamp(out.mutable_recorded_at(), point->recorded_at);
      done(out.SerializeAsString());
    });
  });
}

void AuthService::RefreshSession(const LocalCall& call, Done done) {
  IssueSession(call, auth::ResidentClaims::Of(call.caller), "", "", std::move(done));
}

void AuthService::GetMe(const LocalCall& call, Done done) {
  authpb::Me me;
  me.set_subject(call.caller.subject());
  me.set_role(call.caller.role());
  me.set_name(call.caller.name());
  me.set_agency(call.caller.agency());
  me.set_phone(call.caller.phone());
  SetTimestamp(me.mutable_expires_at(), call.token_expires_at);
  done(me.SerializeAsString());
}

}  // namespace laso::gateway
