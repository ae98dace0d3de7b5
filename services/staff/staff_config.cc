#include "services/staff/staff_config.h"

namespace laso::staff {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("staff.listen", "127.0.0.1:7106", "Where the staff service listens (gRPC): host:port, or unix:/path");
  s.String("staff.database", "staff.db",
           "The staff service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.Duration("staff.access_ttl", "15m", "How long a staff access token lasts (a revoked one is refused sooner)");
  s.Duration("staff.refresh_ttl", "8h", "How long a refresh token lasts unused; each use gives a new one");
  s.Duration("staff.session_max_age", "12h", "No session is refreshed past this after its sign-in");
  s.Duration("staff.machine_token_ttl", "30d", "Life of a machine token when its creator does not say");
  s.Duration("staff.machine_token_max_ttl", "400d", "Longest life a machine token may be given");
  s.String("staff.totp_issuer", "laso", "The issuer authenticator apps show beside the account (e.g. \"Long An Số\")");
  s.Int("staff.lockout_failures", 5, 1, 100, "Wrong sign-ins of one account before it waits");
  s.Int("staff.lockout_failures_per_ip", 20, 1, 10000,
        "Wrong sign-ins from one IP before it waits (a 1022 desk shares one office IP)");
  s.Duration("staff.lockout_wait", "30s", "The first wait; it doubles with each further failure");
  s.Duration("staff.lockout_max_wait", "15m", "The longest wait");
  s.Duration("staff.lockout_forget", "1h", "Failures older than this stop counting");
  s.Int("staff.password_memory_mib", 19, 8, 4096, "Argon2id memory per password hash (MiB; 19 with 2 passes is OWASP's first choice)");
  s.Int("staff.password_passes", 2, 1, 10, "Argon2id passes (opslimit)");
  s.Int("staff.password_threads", 2, 1, 64,
        "Threads that hash passwords, at low CPU priority, so sign-ins cannot starve other calls");
  s.Duration("staff.keep_sign_ins", "365d",
             "How long a sign-in session's record (network, times, how it ended) is kept after it ended or could no "
             "longer be refreshed; then it is deleted with its refresh tokens");
  s.Duration("staff.revocation_publish_interval", "10s",
             "How often the revocation list is rewritten into Redis from the database (heals a Redis that lost it)");
}

absl::StatusOr<StaffConfig> StaffConfigFrom(const config::Config& c) {
  StaffConfig out;
  out.sessions.access_ttl = c.Duration("staff.access_ttl");
  out.sessions.refresh_ttl = c.Duration("staff.refresh_ttl");
  out.sessions.session_max_age = c.Duration("staff.session_max_age");
  out.sessions.machine_token_default_ttl = c.Duration("staff.machine_token_ttl");
  out.sessions.machine_token_max_ttl = c.Duration("staff.machine_token_max_ttl");
  out.sessions.totp_issuer = c.String("staff.totp_issuer");
  if (out.sessions.access_ttl <= absl::ZeroDuration() || out.sessions.access_ttl > absl::Hours(1)) {
    return absl::InvalidArgumentError("config key 'staff.access_ttl' must be more than 0 and at most 1h");
  }
  if (out.sessions.refresh_ttl > out.sessions.session_max_age) {
    return absl::InvalidArgumentError("config key 'staff.refresh_ttl' must not exceed staff.session_max_age");
  }
  out.lockout.account_failures = static_cast<int>(c.Int("staff.lockout_failures"));
  out.lockout.ip_failures = static_cast<int>(c.Int("staff.lockout_failures_per_ip"));
  out.lockout.first_wait = c.Duration("staff.lockout_wait");
  out.lockout.max_wait = c.Duration("staff.lockout_max_wait");
  out.lockout.forget_after = c.Duration("staff.lockout_forget");
  out.password_cost.memory_bytes = static_cast<size_t>(c.Int("staff.password_memory_mib")) << 20;
  out.password_cost.ops = static_cast<unsigned long long>(c.Int("staff.password_passes"));
  out.password_threads = static_cast<int>(c.Int("staff.password_threads"));
  out.revocation_publish_interval = c.Duration("staff.revocation_publish_interval");
  out.keep_sign_ins = c.Duration("staff.keep_sign_ins");
  if (out.keep_sign_ins < absl::Hours(24)) {
    return absl::InvalidArgumentError("config key 'staff.keep_sign_ins' must be at least 1d");
  }
  return out;
}

}  // namespace laso::staff
