#include "common/redis/asio_client.h"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace laso::redis {
namespace {

namespace asio = boost::asio;

absl::Status Unavailable(absl::string_view why) {
  return absl::UnavailableError(absl::StrCat("redis unavailable: ", why));
}

absl::StatusOr<Reply> FromReply(redisReply* raw, bool* failed) {
  if (raw == nullptr) {
    *failed = true;
    return Unavailable("connection lost");
  }
  Reply reply = Reply::FromHiredis(raw);
  if (reply.IsError() && MeansWrongServer(reply.str)) {
    *failed = true;  // the caller drops the connection
    return Unavailable(reply.str);
  }
  if (reply.IsError()) {
    for (absl::string_view prefix : {"WRONGTYPE", "NOSCRIPT", "BUSYGROUP", "NOGROUP"}) {
      if (absl::StartsWith(reply.str, prefix)) return absl::FailedPreconditionError(absl::StrCat("redis: ", reply.str));
    }
    return absl::InternalError(absl::StrCat("redis: ", reply.str));
  }
  return reply;
}

}  // namespace

// One connection attempt. Shared with pending Asio waits, which check `dead`
// before touching hiredis again.
struct AsioClient::Connection : std::enable_shared_from_this<Connection> {
  struct Pending {
    absl::Time deadline;
    Done done;
  };

  AsioClient* owner = nullptr;
  redisAsyncContext* ac = nullptr;
  std::unique_ptr<asio::posix::stream_descriptor> fd;
  bool connected = false;
  bool closing = false;  // failing or failed: take no new commands
  bool dead = false;     // hiredis let go of it
  bool reading = false, read_armed = false;
  bool writing = false, write_armed = false;
  absl::Time connect_deadline;
  std::deque<Pending*> pending;  // Redis answers in order

  void ArmRead() {
    if (dead || read_armed || !reading) return;
    read_armed = true;
    fd->async_wait(asio::posix::stream_descriptor::wait_read,
                   asio::bind_executor(owner->strand_, [self = shared_from_this()](boost::system::error_code ec) {
                     self->read_armed = false;
                     if (self->dead || ec) return;
                     redisAsyncHandleRead(self->ac);
                     self->ArmRead();
                   }));
  }

  void ArmWrite() {
    if (dead || write_armed || !writing) return;
    write_armed = true;
    fd->async_wait(asio::posix::stream_descriptor::wait_write,
                   asio::bind_executor(owner->strand_, [self = shared_from_this()](boost::system::error_code ec) {
                     self->write_armed = false;
                     if (self->dead || ec) return;
                     redisAsyncHandleWrite(self->ac);
                     self->ArmWrite();
                   }));
  }

  // hiredis's event hooks.
  static void AddRead(void* p) {
    auto* c = static_cast<Connection*>(p);
    c->reading = true;
    c->ArmRead();
  }
  static void DelRead(void* p) { static_cast<Connection*>(p)->reading = false; }
  static void AddWrite(void* p) {
    auto* c = static_cast<Connection*>(p);
    c->writing = true;
    c->ArmWrite();
  }
  static void DelWrite(void* p) { static_cast<Connection*>(p)->writing = false; }
  static void Cleanup(void* p) {
    // hiredis is about to close the socket: let go of it without closing it.
    auto* c = static_cast<Connection*>(p);
    c->dead = true;
    c->reading = c->writing = false;
    if (c->fd) {
      boost::system::error_code ignored;
      c->fd->cancel(ignored);
      c->fd->release();
    }
  }

  static void OnConnect(const redisAsyncContext* ac, int status) {
    auto* c = static_cast<Connection*>(ac->ev.data);
    if (status == REDIS_OK) {
      c->connected = true;
    } else {
      c->owner->breaker_.RecordFailure();
    }
  }

  static void OnDisconnect(const redisAsyncContext* ac, int status) {
    auto* c = static_cast<Connection*>(ac->ev.data);
    if (status != REDIS_OK) c->owner->breaker_.RecordFailure();
    c->ac = nullptr;  // hiredis frees it right after this
    // Forget this connection once hiredis is done with it.
    asio::post(c->owner->strand_, [self = c->shared_from_this()] {
      if (self->owner->conn_ == self) self->owner->conn_.reset();
    });
  }

  static void OnReply(redisAsyncContext* ac, void* reply, void* privdata) {
    auto* c = static_cast<Connection*>(ac->ev.data);
    std::unique_ptr<Pending> item(static_cast<Pending*>(privdata));
    if (!c->pending.empty() && c->pending.front() == item.get()) c->pending.pop_front();
    if (reply == nullptr) c->closing = true;  // hiredis is tearing the connection down
    bool failed = false;
    auto result = FromReply(static_cast<redisReply*>(reply), &failed);
    if (!failed) {
      c->owner->breaker_.RecordSuccess();
    } else if (reply != nullptr) {  // a replica, or loading: drop it (outside hiredis's callback)
      asio::post(c->owner->strand_, [self = c->shared_from_this()] { self->owner->Fail(self, "wrong server"); });
    }
    item->done(std::move(result));
  }
};

AsioClient::AsioClient(asio::io_context& ioc, Options options, const Clock* clock)
    : strand_(asio::make_strand(ioc)),
      sweep_timer_(strand_),
      options_(std::move(options)),
      clock_(clock),
      breaker_(options_.breaker_cooldown, clock) {}

AsioClient::~AsioClient() {
  if (conn_) Fail(conn_, "shutting down");  // fails what is pending
}

bool AsioClient::Connect() {
  // With sentinels, asking them blocks this strand for at most connect_timeout per sentinel,
  // and only when a connection is (re)made: after a failure the breaker spaces the attempts.
  auto primary = Primary(options_);
  if (!primary.ok()) {
    breaker_.RecordFailure();
    return false;
  }
  auto conn = std::make_shared<Connection>();
  conn->owner = this;
  redisAsyncContext* ac = redisAsyncConnect(primary->host.c_str(), primary->port);
  if (ac == nullptr || ac->err) {
    if (ac != nullptr) redisAsyncFree(ac);
    breaker_.RecordFailure();
    return false;
  }
  conn->ac = ac;
  conn->connect_deadline = clock_->Now() + options_.connect_timeout;
  conn->fd = std::make_unique<asio::posix::stream_descriptor>(strand_, ac->c.fd);
  ac->ev.data = conn.get();
  ac->ev.addRead = Connection::AddRead;
  ac->ev.delRead = Connection::DelRead;
  ac->ev.addWrite = Connection::AddWrite;
  ac->ev.delWrite = Connection::DelWrite;
  ac->ev.cleanup = Connection::Cleanup;
  redisAsyncSetConnectCallback(ac, Connection::OnConnect);
  redisAsyncSetDisconnectCallback(ac, Connection::OnDisconnect);
  conn_ = conn;
  if (!options_.password.empty()) {
    const char* argv[] = {"AUTH", options_.password.c_str()};
    size_t lens[] = {4, options_.password.size()};
    redisAsyncCommandArgv(ac, nullptr, nullptr, 2, argv, lens);
  }
  if (!options_.sentinels.empty()) {
    // Answered before any command sent after it: a server that is not a primary fails them all.
    auto* check = new Connection::Pending{clock_->Now() + options_.command_timeout,
                                          [this, conn](absl::StatusOr<Reply> role) {
                                            bool primary = role.ok() && !role->elements.empty() &&
                                                           role->elements[0].str == "master";
                                            if (!primary) asio::post(strand_, [this, conn] { Fail(conn, "not a primary"); });
                                          }};
    const char* argv[] = {"ROLE"};
    size_t lens[] = {4};
    redisAsyncCommandArgv(ac, Connection::OnReply, check, 1, argv, lens);
    conn->pending.push_back(check);
  }
  ScheduleSweep();
  return true;
}

void AsioClient::Fail(std::shared_ptr<Connection> conn, const char* why) {
  breaker_.RecordFailure();
  if (conn_ == conn) conn_.reset();  // commands issued from the callbacks below start afresh
  if (conn->closing) return;
  conn->closing = true;
  // Answers every pending command with UNAVAILABLE; `conn` stays alive meanwhile.
  if (conn->ac != nullptr) redisAsyncFree(conn->ac);
}

void AsioClient::ScheduleSweep() {
  if (sweeping_) return;
  sweeping_ = true;
  sweep_timer_.expires_after(std::chrono::milliseconds(20));
  sweep_timer_.async_wait([this](boost::system::error_code ec) {
    sweeping_ = false;
    if (!ec) Sweep();
  });
}

// Timeouts: a connection that does not connect in time, or whose oldest
// command has waited longer than the command timeout, has failed.
void AsioClient::Sweep() {
  if (!conn_) return;
  absl::Time now = clock_->Now();
  if (!conn_->connected && now > conn_->connect_deadline) return Fail(conn_, "connect timeout");
  if (!conn_->pending.empty() && now > conn_->pending.front()->deadline) return Fail(conn_, "command timeout");
  ScheduleSweep();
}

void AsioClient::Run(Command command, Done done) {
  asio::dispatch(strand_, [this, command = std::move(command), done = std::move(done)]() mutable {
    RunOnStrand(std::move(command), std::move(done));
  });
}

void AsioClient::RunOnStrand(Command command, Done done) {
  if (conn_ && (conn_->closing || conn_->dead || conn_->ac == nullptr)) conn_.reset();
  if (!conn_) {
    if (!breaker_.Allow()) return done(Unavailable("recent failure; retrying shortly"));
    if (!Connect()) return done(Unavailable("cannot connect"));
  }
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const std::string& arg : command) {
    argv.push_back(arg.data());
    lens.push_back(arg.size());
  }
  auto* item = new Connection::Pending{clock_->Now() + options_.command_timeout, std::move(done)};
  if (redisAsyncCommandArgv(conn_->ac, Connection::OnReply, item, static_cast<int>(argv.size()), argv.data(),
                            lens.data()) != REDIS_OK) {
    std::unique_ptr<Connection::Pending> owned(item);
    auto conn = conn_;
    Fail(conn, "cannot send");
    return owned->done(Unavailable("cannot send"));
  }
  conn_->pending.push_back(item);
  ScheduleSweep();
}

void AsioClient::RunScript(const Script& script, std::vector<std::string> keys, std::vector<std::string> args,
                           Done done) {
  Command evalsha = {"EVALSHA", script.sha1(), absl::StrCat(keys.size())};
  evalsha.insert(evalsha.end(), keys.begin(), keys.end());
  evalsha.insert(evalsha.end(), args.begin(), args.end());
  Run(std::move(evalsha), [this, &script, keys = std::move(keys), args = std::move(args),
                           done = std::move(done)](absl::StatusOr<Reply> reply) mutable {
    if (reply.ok() || !absl::StrContains(reply.status().message(), "NOSCRIPT")) return done(std::move(reply));
    // Redis restarted or flushed its scripts: send the source, which it caches again.
    Command eval = {"EVAL", script.source(), absl::StrCat(keys.size())};
    eval.insert(eval.end(), keys.begin(), keys.end());
    eval.insert(eval.end(), args.begin(), args.end());
    RunOnStrand(std::move(eval), std::move(done));
  });
}

}  // namespace laso::redis
